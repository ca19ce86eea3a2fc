/*-------------------------------------------------------------------------
 *
 * summary_io.h
 *	  Shared pieces of the summary types' text and binary forms.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_SUMMARY_IO_H
#define CX_SUMMARY_IO_H

#include "fmgr.h"
#include "lib/stringinfo.h"

#include "compat.h"

/*
 * A reader of the JSON text forms.  Errors quote the input and point at
 * the character where reading stopped.
 */
typedef struct TextParser
{
	const char *input;			/* the whole input, for messages */
	const char *pos;			/* next character to read */
	const char *type_name;		/* SQL type being read, for messages */
	const char *format_hint;	/* hint shown on syntax errors */
	int			version;		/* the "version" the input gave (the newest
								 * until it is read) */
} TextParser;

pg_noreturn extern void text_syntax_error(TextParser *parser, const char *expected);
pg_noreturn extern void text_content_error(TextParser *parser, const char *detail);
extern void skip_space(TextParser *parser);
extern void expect_char(TextParser *parser, char c, const char *expected);
extern bool accept_char(TextParser *parser, char c);
extern int64 read_count(TextParser *parser, const char *what);
extern double read_double(TextParser *parser, const char *what);
extern int	read_count_array(TextParser *parser, int64 *slots, int max_items);
extern int	read_double_array(TextParser *parser, double *slots, int max_items);
extern void read_key(TextParser *parser, char *key, int keysize);
extern char *read_string(TextParser *parser, const char *what);

extern void append_double(StringInfo buf, double value);

extern void *window_inverse_state(FunctionCallInfo fcinfo);

pg_noreturn extern void binary_error(const char *type_name, const char *detail);
extern void binary_read(StringInfo buf, void *target, int n, const char *type_name);
extern int64 binary_read_int64(StringInfo buf, const char *type_name);
extern double binary_read_double(StringInfo buf, const char *type_name);

#endif							/* CX_SUMMARY_IO_H */
