/*-------------------------------------------------------------------------
 *
 * summary_kernel.h
 *	  The lifecycle every summary type shares, written once.
 *
 * A summary type (nps_summary, csat_summary, ces_summary, churn_summary,
 * ...) is both a stored value and the transition state of its aggregates.
 * Its life:
 *
 *	 state for update	A transition function's state, updated in place:
 *						one allocation per group, none per row.  The
 *						first state of a group is made in the per-row
 *						context, so that PostgreSQL's copy of it into the
 *						aggregate context is the only one; called outside
 *						an aggregate, a function works on a copy.
 *	 window state		The moving-aggregate state (SQL type internal) of
 *						the aggregates whose values carry double sums
 *						(weights, revenue): the value, preceded by a
 *						header that keeps those sums exactly (exact_sum.c)
 *						and counts the rows in the frame.  Removing a row
 *						is exact; a sum that leaves the exact range marks
 *						the state inexact, its double sums stand in (taken
 *						afresh from the exact sums of the frame's rows, so
 *						no residue of rows that left remains) and inverse
 *						transitions decline, so PostgreSQL recomputes the
 *						next frame from its rows.  A frame whose rows have
 *						all left starts afresh.
 *	 combine			a + b, the combine function and the roll-ups'
 *						transition (first state NULL, both present, in
 *						place in an aggregate), and its inverse, subtract.
 *	 final				The state as a value, NULL when it holds nothing;
 *						for a window state, its exact sums rounded once.
 *	 =, hash			The type's comparison; the hash of the binary form.
 *	 text, binary		The versioned framing: a JSON object whose first
 *						key is "version", and a version byte followed by
 *						the type's fields, every byte checked, nothing
 *						after the end; a value from outside passes the
 *						type's content check before it is used.
 *
 * A type describes what is its own in a const SummaryType: its name and
 * size (fixed, or a varlena value whose size is its VARSIZE), where its
 * flags byte is and which flags are stored, which of its doubles a window
 * keeps exactly, and callbacks to start a new value, add or subtract one
 * summary into another (checking for overflow), compare two, check the
 * content of a value from outside, and write and read its fields in text
 * and binary.  To add a type: define its struct with a uint8 flags byte
 * that leaves SUMMARY_FLAG_INEXACT and SUMMARY_FLAG_WINDOW free and its
 * window-kept doubles next to each other, fill in a SummaryType, write its
 * SQL functions with SUMMARY_FUNCTIONS (combine, subtract, final, window
 * final, output, send, =, <>, hash) and its input functions calling
 * summary_from_text and summary_from_binary.  Its transition functions take
 * their state from summary_state_for_update, call summary_window_count for
 * a row that enters or leaves a window state, and add to the kept doubles
 * with summary_add_sum.  A varlena type that grows makes room with
 * summary_enlarge (which reallocates a window state whole, the header and
 * whatever the type keeps after its value) and returns the value's new
 * address as the state; its make_room callback does the same for what +
 * and the roll-ups add, and its stored_copy callback trims a state to the
 * value it stores.  A varlena type whose values differ in shape says how
 * big a new one is (new_size) and where each value keeps its window
 * doubles (kept_sums); its SQL functions can all be written with
 * SUMMARY_TYPE_FUNCTIONS, which detoasts value arguments.
 *
 *-------------------------------------------------------------------------
 */
#ifndef CX_SUMMARY_KERNEL_H
#define CX_SUMMARY_KERNEL_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/execnodes.h"

#include "exact_sum.h"
#include "stats.h"
#include "summary_io.h"

/*
 * Scratch flags the kernel owns in every type's flags byte, never stored.
 * SUMMARY_FLAG_INEXACT: a window state met a value outside its exact
 * sums' range; its double sums stand in and inverse transitions decline.
 * SUMMARY_FLAG_WINDOW: the value is the value of a window state.
 */
#define SUMMARY_FLAG_INEXACT	0x02
#define SUMMARY_FLAG_WINDOW		0x04

/* The description of one summary type. */
typedef struct SummaryType
{
	const char *type_name;		/* SQL type, for messages */
	int			variant;		/* the type's own number, for callbacks that
								 * serve several types (the rating kind) */
	uint8		version;		/* the newest format version: written, and
								 * read */
	uint8		oldest_version; /* the oldest format version still read (0:
								 * only version) */
	bool		varlena;		/* a variable-length value: its size is its
								 * VARSIZE, and size is that of a new one */
	Size		size;			/* bytes of every value (fixed size), or of a
								 * new, empty value (varlena) */
	Size		flags_offset;	/* where the uint8 flags byte is */
	uint8		stored_flags;	/* the flags that belong to the stored value */
	int			n_sums;			/* doubles a window state keeps exactly ... */
	Size		sums_offset;	/* ... next to each other from here */

	/*
	 * For a type whose values come in layouts that keep different doubles:
	 * how many doubles this value keeps (at most n_sums; 0 for a layout
	 * that keeps none) and where they start.  NULL: every value keeps
	 * n_sums from sums_offset.  A value changes layout only while it keeps
	 * none, so a window's exact sums are all zero when it does.
	 */
	int			(*kept_sums) (const void *value, Size *offset);
	/* the format version a value is written in; NULL: always version */
	uint8		(*version_of) (const void *value);

	/*
	 * Fill in a new, zeroed value (its flags already hold WINDOW for a
	 * window state); arg is what the caller of summary_state_for_update
	 * passed (NULL: nothing known yet).
	 */
	void		(*init) (void *value, const void *arg);
	/* set a value's scratch flags from its content (input, a copy); or NULL */
	void		(*prepare) (void *value);
	/* whether a state holds nothing, so that its final value is NULL */
	bool		(*is_empty) (const void *value);
	/*
	 * Clear what a window state's last frame left in the type's own fields
	 * before a row enters an emptied frame (the kernel clears the kept
	 * doubles and their exact sums); or NULL.
	 */
	void		(*restart) (void *value);

	/*
	 * target += sign * source (sign -1: remove a summary from a window
	 * state), checking that the two fit together and that nothing
	 * overflows; false when the result would not be exact (the frame is
	 * then recomputed).  Doubles a window keeps go through summary_add_sum.
	 */
	bool		(*add) (void *target, const void *source, int sign);
	/* a = b */
	bool		(*equal) (const void *a, const void *b);
	/* NULL when a value from outside is valid, else what is wrong */
	char	   *(*check_content) (const void *value);

	/*
	 * Text form: a JSON object of the keys text_keys names; the kernel
	 * reads "version" and hands the value of every other key to
	 * read_text_field, then makes the value with finish_text.
	 */
	const char *const *text_keys;	/* the keys, NULL-terminated, at most 32
									 * (the bits of "seen"); the first is
									 * "version" */
	const char *text_hint;		/* the hint of a syntax error */
	Size		text_scratch_size;	/* bytes of the scratch space the reader
									 * fills, zeroed at the start */
	/* read the value of text_keys[key] into the scratch space */
	void		(*read_text_field) (const struct SummaryType *type, TextParser *parser,
									int key, void *scratch);
	/* the value of the scratch space; seen has bit i for text_keys[i] */
	void	   *(*finish_text) (const struct SummaryType *type, TextParser *parser,
								void *scratch, uint32 seen);
	/* write the fields after "version", each starting with ", " */
	void		(*write_text) (StringInfo buf, const void *value);

	/*
	 * Binary form: the version byte, then the type's fields.
	 */
	int			binary_header;	/* bytes of its fixed start, version byte
								 * included: a shorter value "ends early"
								 * before anything is checked */
	/* write the fields after the version byte */
	void		(*write_binary) (StringInfo buf, const void *value);

	/*
	 * read the fields after the version byte into a new value, checking
	 * what only the reader can (such as unknown flags; the kernel checks
	 * the rest)
	 */
	void	   *(*read_binary) (const struct SummaryType *type, StringInfo buf);
	/*
	 * the same for a type that reads several versions (oldest_version set):
	 * version is the byte read; used instead of read_binary when set
	 */
	void	   *(*read_binary_version) (const struct SummaryType *type, StringInfo buf,
										int version);

	/*
	 * Optional, for a type that needs them (NULL otherwise).
	 */
	/* what a syntax error on an unknown key or a key given twice expects */
	const char *text_keys_expected;

	/*
	 * A varlena type whose values grow: target with room for what add
	 * brings from source, either target itself or its new address, made
	 * with summary_enlarge.
	 */
	void	   *(*make_room) (void *target, const void *source);
	/*
	 * A palloc'd copy of a value as it is stored: without the spare room of
	 * a state, and for a window state with the type's own exact sums.
	 */
	void	   *(*stored_copy) (const void *value);

	/*
	 * Optional, for a varlena type whose values differ in shape (such as a
	 * timeline's number of periods); NULL: every new value has size bytes.
	 * With new_size, the roll-ups' window state is made for the first
	 * summary it takes (init's arg is that summary), and made anew for the
	 * next summary once its frame holds no row (see summary_window_renew).
	 */
	/* bytes of a new value for init's arg (which may be NULL) */
	Size		(*new_size) (const void *arg);
} SummaryType;

/*
 * What precedes the value in a window state: the frame's row count and
 * the exact sums of the type's kept doubles.
 */
typedef struct SummaryWindow
{
	int64		rows;			/* rows (or summaries) in the frame: a frame
								 * of none gives NULL, as sum() does, and the
								 * next row starts afresh */
	bool		removed;		/* a row has left since the state started:
								 * the double sums hold the rounding residue
								 * of rows no longer in the frame */
	ExactSum	sums[FLEXIBLE_ARRAY_MEMBER];	/* exact kept doubles */
} SummaryWindow;

/* The flags byte of a value. */
static inline uint8 *
summary_flags(const SummaryType *type, const void *value)
{
	return (uint8 *) value + type->flags_offset;
}

/* The bytes of a value. */
static inline Size
summary_size(const SummaryType *type, const void *value)
{
	return type->varlena ? VARSIZE(value) : type->size;
}

/*
 * Argument n of a function of the type: for a varlena type, detoasted (a
 * stored value may come compressed, out of line or with a short header).
 */
static inline void *
summary_getarg(FunctionCallInfo fcinfo, const SummaryType *type, int n)
{
	if (type->varlena)
		return PG_DETOAST_DATUM(PG_GETARG_DATUM(n));
	return PG_GETARG_POINTER(n);
}

/*
 * summary_state_for_update
 *		The state argument (argument 0) of a transition function, ready to
 *		be modified in place; arg describes a new state (see init).
 *
 * The per-row fast path: inside an aggregate the state is updated in place;
 * the first row of a group and direct calls go through the slow path.
 */
extern void *summary_state_for_update_slow(FunctionCallInfo fcinfo,
										   const SummaryType *type, const void *arg);

static inline void *
summary_state_for_update(FunctionCallInfo fcinfo, const SummaryType *type,
						 const void *arg)
{
	if (likely(!PG_ARGISNULL(0) && fcinfo->context != NULL &&
			   (IsA(fcinfo->context, AggState) ||
				IsA(fcinfo->context, WindowAggState))))
		return PG_GETARG_POINTER(0);
	return summary_state_for_update_slow(fcinfo, type, arg);
}

extern void *summary_new(const SummaryType *type, MemoryContext context,
						 const void *arg);
extern void *summary_window_new(const SummaryType *type, MemoryContext context,
								const void *arg);
extern void *summary_copy(const SummaryType *type, const void *value);
extern SummaryWindow *summary_window_base(const SummaryType *type, void *value);
extern void *summary_enlarge(const SummaryType *type, void *value, Size old_bytes,
							 Size new_bytes);
extern void summary_window_count(const SummaryType *type, void *value, int sign);
extern void summary_add_sum(const SummaryType *type, void *value, int index,
							double amount);
extern bool summary_is_exact(const SummaryType *type, const void *value);
extern void *summary_window_renew(const SummaryType *type, void *value, const void *arg);
extern void *summary_window_value(const SummaryType *type, void *value);

/* The SQL-callable bodies, called with the type of the function. */
extern Datum summary_combine(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum summary_subtract(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum summary_final(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum summary_window_summary_final(FunctionCallInfo fcinfo,
										  const SummaryType *type);
extern Datum summary_window_metric(FunctionCallInfo fcinfo, const SummaryType *type,
								   PGFunction metric);
extern bool summary_equal(const SummaryType *type, const void *a, const void *b);
extern Datum summary_hash(const SummaryType *type, const void *value);

/* Text and binary framing. */
extern void *summary_from_text(const SummaryType *type, const char *text);
extern char *summary_to_text(const SummaryType *type, const void *value);
extern void *summary_from_binary(const SummaryType *type, StringInfo buf);
extern bytea *summary_to_binary(const SummaryType *type, const void *value);

/*
 * SUMMARY_SQL_FUNCTION(name, BODY) writes the SQL-callable C function name
 * whose result is the Datum expression BODY (of fcinfo).
 */
#define SUMMARY_SQL_FUNCTION(name, BODY) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	return (BODY); \
}

/*
 * SUMMARY_FUNCTIONS(prefix, TYPE) writes the SQL-callable functions of a
 * summary type that are the kernel's, for TYPE (a const SummaryType *):
 * prefix_summary_combine (a + b, the combine function, the roll-ups'
 * transition and moving-aggregate transition), prefix_summary_subtract
 * (the roll-ups' inverse transition), prefix_summary_final,
 * prefix_window_summary_final (the summary of a window state),
 * prefix_summary_out, prefix_summary_send, prefix_summary_eq (=),
 * prefix_summary_ne (<>) and prefix_summary_hash.
 */
#define SUMMARY_FUNCTIONS(prefix, TYPE) \
SUMMARY_SQL_FUNCTION(prefix##_summary_combine, summary_combine(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(prefix##_summary_subtract, summary_subtract(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(prefix##_summary_final, summary_final(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(prefix##_window_summary_final, summary_window_summary_final(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(prefix##_summary_out, \
					 CStringGetDatum(summary_to_text(TYPE, summary_getarg(fcinfo, TYPE, 0)))) \
SUMMARY_SQL_FUNCTION(prefix##_summary_send, \
					 PointerGetDatum(summary_to_binary(TYPE, summary_getarg(fcinfo, TYPE, 0)))) \
SUMMARY_SQL_FUNCTION(prefix##_summary_eq, \
					 BoolGetDatum(summary_equal(TYPE, summary_getarg(fcinfo, TYPE, 0), \
												summary_getarg(fcinfo, TYPE, 1)))) \
SUMMARY_SQL_FUNCTION(prefix##_summary_ne, \
					 BoolGetDatum(!summary_equal(TYPE, summary_getarg(fcinfo, TYPE, 0), \
												 summary_getarg(fcinfo, TYPE, 1)))) \
SUMMARY_SQL_FUNCTION(prefix##_summary_hash, summary_hash(TYPE, summary_getarg(fcinfo, TYPE, 0)))

/*
 * SUMMARY_INPUT_FUNCTIONS(prefix, TYPE) writes the text and binary input
 * functions of a summary type, prefix_summary_in and prefix_summary_recv,
 * for TYPE (a const SummaryType *).
 */
#define SUMMARY_INPUT_FUNCTIONS(prefix, TYPE) \
SUMMARY_SQL_FUNCTION(prefix##_summary_in, \
					 PointerGetDatum(summary_from_text(TYPE, PG_GETARG_CSTRING(0)))) \
SUMMARY_SQL_FUNCTION(prefix##_summary_recv, \
					 PointerGetDatum(summary_from_binary(TYPE, (StringInfo) PG_GETARG_POINTER(0))))

/*
 * SUMMARY_TYPE_FUNCTIONS(t, TYPE) writes every SQL-callable function of a
 * summary type t that is the kernel's, named after the type itself (the
 * form of a type with a kernel of its own, such as churn_timeline): t_in,
 * t_recv, t_out, t_send, t_combine (a + b, the combine function, the
 * roll-up's transition and, over internal, its moving-aggregate
 * transition), t_subtract (the roll-up's moving-aggregate inverse), t_final,
 * t_window_final (the summary of a window state), t_eq, t_ne and t_hash.
 * Value arguments are detoasted (summary_getarg).
 */
#define SUMMARY_TYPE_FUNCTIONS(t, TYPE) \
SUMMARY_SQL_FUNCTION(t##_in, PointerGetDatum(summary_from_text(TYPE, PG_GETARG_CSTRING(0)))) \
SUMMARY_SQL_FUNCTION(t##_recv, \
					 PointerGetDatum(summary_from_binary(TYPE, (StringInfo) PG_GETARG_POINTER(0)))) \
SUMMARY_SQL_FUNCTION(t##_out, CStringGetDatum(summary_to_text(TYPE, summary_getarg(fcinfo, TYPE, 0)))) \
SUMMARY_SQL_FUNCTION(t##_send, PointerGetDatum(summary_to_binary(TYPE, summary_getarg(fcinfo, TYPE, 0)))) \
SUMMARY_SQL_FUNCTION(t##_combine, summary_combine(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(t##_subtract, summary_subtract(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(t##_final, summary_final(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(t##_window_final, summary_window_summary_final(fcinfo, TYPE)) \
SUMMARY_SQL_FUNCTION(t##_eq, BoolGetDatum(summary_equal(TYPE, summary_getarg(fcinfo, TYPE, 0), \
														summary_getarg(fcinfo, TYPE, 1)))) \
SUMMARY_SQL_FUNCTION(t##_ne, BoolGetDatum(!summary_equal(TYPE, summary_getarg(fcinfo, TYPE, 0), \
														 summary_getarg(fcinfo, TYPE, 1)))) \
SUMMARY_SQL_FUNCTION(t##_hash, summary_hash(TYPE, summary_getarg(fcinfo, TYPE, 0)))

/*
 * SUMMARY_SHARE_FUNCTIONS(prefix, SHARE_OF) writes the statistics of a
 * summary type whose metric is a share, in percent (see stats.c):
 * prefix_std_error(s), prefix_ci_lower(s, level) and prefix_ci_upper(s,
 * level), the ends of the Wilson score interval; SHARE_OF is a
 * StatsShareOf.  (p_value(a, b) first checks that the two fit together,
 * as the type defines, then calls stats_share_p_value.)
 */
#define SUMMARY_SHARE_FUNCTIONS(prefix, SHARE_OF) \
SUMMARY_SQL_FUNCTION(prefix##_std_error, stats_share_std_error_datum(fcinfo, SHARE_OF)) \
SUMMARY_SQL_FUNCTION(prefix##_ci_lower, stats_share_bound(fcinfo, SHARE_OF, false)) \
SUMMARY_SQL_FUNCTION(prefix##_ci_upper, stats_share_bound(fcinfo, SHARE_OF, true))

#endif							/* CX_SUMMARY_KERNEL_H */
