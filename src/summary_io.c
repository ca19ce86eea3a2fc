/*-------------------------------------------------------------------------
 *
 * summary_io.c
 *	  Pieces shared by every summary type's text and binary forms: a small
 *	  reader for the JSON text forms, shortest-exact double output and
 *	  checked binary reads.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <errno.h>
#include <math.h>

#include "common/shortest_dec.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "summary_io.h"

/* Report bad text, quoting the part of the input where reading stopped. */

void
text_syntax_error(TextParser *parser, const char *expected)
{
	const char *end = parser->pos;
	int			len;

	/* quote the offending token: up to the next delimiter */
	while (*end && !strchr(" \t\r\n,:[]{}", *end) && end - parser->pos < 40)
		end++;
	if (end == parser->pos && *end)
		end++;
	len = (int) (end - parser->pos);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					parser->type_name, parser->input),
			 len > 0 ?
			 errdetail("Expected %s, found \"%.*s\" at character %d.",
					   expected, len, parser->pos,
					   (int) (parser->pos - parser->input) + 1) :
			 errdetail("Expected %s, found the end of the input.", expected),
			 errhint("%s", parser->format_hint)));
}

/* Report well-formed text whose content is invalid. */

void
text_content_error(TextParser *parser, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					parser->type_name, parser->input),
			 errdetail_internal("%s", detail)));
}

void
skip_space(TextParser *parser)
{
	while (*parser->pos == ' ' || *parser->pos == '\t' ||
		   *parser->pos == '\n' || *parser->pos == '\r')
		parser->pos++;
}

/* Consume the character c (after optional white space) or fail. */
void
expect_char(TextParser *parser, char c, const char *expected)
{
	skip_space(parser);
	if (*parser->pos != c)
		text_syntax_error(parser, expected);
	parser->pos++;
}

/* Consume c if it comes next; report whether it did. */
bool
accept_char(TextParser *parser, char c)
{
	skip_space(parser);
	if (*parser->pos != c)
		return false;
	parser->pos++;
	return true;
}

/*
 * Length of the JSON number at pos (0 if none); *is_integer tells whether
 * it has neither fraction nor exponent.
 */
static int
json_number_length(const char *pos, bool *is_integer)
{
	const char *p = pos;

	*is_integer = true;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.')
	{
		*is_integer = false;
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E')
	{
		*is_integer = false;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return (int) (p - pos);
}

/* Read a non-negative integer that fits in int64. */
int64
read_count(TextParser *parser, const char *what)
{
	bool		is_integer;
	int			len;
	char		digits[32];
	int64		value;
	char	   *end;

	skip_space(parser);
	len = json_number_length(parser->pos, &is_integer);
	if (len == 0 || !is_integer || *parser->pos == '-' || len >= (int) sizeof(digits))
		text_syntax_error(parser, what);
	memcpy(digits, parser->pos, len);
	digits[len] = '\0';
	errno = 0;
	value = strtoi64(digits, &end, 10);
	if (errno != 0 || *end != '\0')
		text_syntax_error(parser, what);
	parser->pos += len;
	return value;
}

/* Read a finite double (any sign; content checks come later). */
double
read_double(TextParser *parser, const char *what)
{
	bool		is_integer;
	int			len;
	char	   *copy;
	char	   *end;
	double		value;

	skip_space(parser);
	len = json_number_length(parser->pos, &is_integer);
	if (len == 0)
		text_syntax_error(parser, what);
	copy = pnstrdup(parser->pos, len);
	errno = 0;
	value = strtod(copy, &end);
	/* a subnormal result sets ERANGE but is a real, exact value */
	if (*end != '\0' || (errno == ERANGE && (isinf(value) || value == 0.0)))
		text_syntax_error(parser, what);
	pfree(copy);
	parser->pos += len;
	return value + 0.0;
}

/*
 * Read "[x, x, ...]" into slots first.., at most max_items, each item by
 * read_item into slots[i] (of item_size bytes) or, past max_items, into a
 * scratch item; returns the number of items, so the caller can say how
 * many there were.
 */
static int
read_array(TextParser *parser, void *slots, int max_items, Size item_size,
		   void (*read_item) (TextParser *parser, void *item))
{
	int			items = 0;
	union
	{
		int64		count;
		double		number;
	}			scratch;		/* an item past max_items */

	expect_char(parser, '[', "\"[\"");
	if (accept_char(parser, ']'))
		return 0;
	do
	{
		read_item(parser, items < max_items ? (char *) slots + items * item_size : (void *) &scratch);
		items++;
	} while (accept_char(parser, ','));
	expect_char(parser, ']', "\",\" or \"]\"");
	return items;
}

/* One count of read_count_array. */
static void
read_count_item(TextParser *parser, void *item)
{
	*(int64 *) item = read_count(parser, "a count (an integer >= 0)");
}

/* One number of read_double_array. */
static void
read_double_item(TextParser *parser, void *item)
{
	*(double *) item = read_double(parser, "a number");
}

/* Read "[n, n, ...]" of counts into slots first.., at most max_items. */
int
read_count_array(TextParser *parser, int64 *slots, int max_items)
{
	return read_array(parser, slots, max_items, sizeof(int64), read_count_item);
}

/* Read "[x, x, ...]" of numbers, as read_count_array. */
int
read_double_array(TextParser *parser, double *slots, int max_items)
{
	return read_array(parser, slots, max_items, sizeof(double), read_double_item);
}

/* Read a JSON string key made of lower-case letters and underscores. */
void
read_key(TextParser *parser, char *key, int keysize)
{
	int			len = 0;

	expect_char(parser, '"', "a quoted key");
	while ((*parser->pos >= 'a' && *parser->pos <= 'z') || *parser->pos == '_')
	{
		if (len < keysize - 1)
			key[len++] = *parser->pos;
		parser->pos++;
	}
	key[len] = '\0';
	if (*parser->pos != '"')
		text_syntax_error(parser, "a key of lower-case letters and \"_\"");
	parser->pos++;
}

/* Append a double in its shortest exact form. */
void
append_double(StringInfo buf, double value)
{
	char		digits[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(value, digits);
	appendStringInfoString(buf, digits);
}

/* Report bad binary input. */

void
binary_error(const char *type_name, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid external %s value", type_name),
			 errdetail_internal("%s", detail)));
}

/* Read n bytes or fail cleanly when the message is shorter. */
void
binary_read(StringInfo buf, void *target, int n, const char *type_name)
{
	if (buf->len - buf->cursor < n)
		binary_error(type_name, "The value ends early.");
	memcpy(target, buf->data + buf->cursor, n);
	buf->cursor += n;
}

int64
binary_read_int64(StringInfo buf, const char *type_name)
{
	uint64		network;

	binary_read(buf, &network, sizeof(network), type_name);
	return (int64) pg_ntoh64(network);
}

double
binary_read_double(StringInfo buf, const char *type_name)
{
	union
	{
		uint64		bits;
		double		value;
	}			swap;

	swap.bits = (uint64) binary_read_int64(buf, type_name);
	return swap.value;
}


/*
 * read_string
 *		Read a JSON string without escapes (the text forms never need
 *		them) and return it palloc'd.
 */
char *
read_string(TextParser *parser, const char *what)
{
	const char *start;

	skip_space(parser);
	if (*parser->pos != '"')
		text_syntax_error(parser, what);
	start = ++parser->pos;
	while (*parser->pos != '"')
	{
		if (*parser->pos == '\0' || *parser->pos == '\\')
			text_syntax_error(parser, "a closing \" (strings have no escapes here)");
		parser->pos++;
	}
	parser->pos++;
	return pnstrdup(start, parser->pos - 1 - start);
}

/*
 * window_inverse_state
 *		The window state (argument 0) an inverse transition function
 *		removes a row from, of any summary type; NULL if there is none (the
 *		caller then returns NULL, asking for the frame to be recomputed).
 *		Outside a window aggregate there is nothing to remove from.
 */
void *
window_inverse_state(FunctionCallInfo fcinfo)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("inverse transition functions can only be called by window aggregates")));
	if (PG_ARGISNULL(0))
		return NULL;
	return PG_GETARG_POINTER(0);
}
