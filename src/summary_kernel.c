/*-------------------------------------------------------------------------
 *
 * summary_kernel.c
 *	  The lifecycle every summary type shares (see summary_kernel.h):
 *	  states, window states with exact sums, combine, subtract, final,
 *	  equality, hash, and the versioned text and binary framing.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "summary_kernel.h"

/*
 * The doubles of a value that a window state keeps exactly, and how many
 * (*count): the type's, or for a type whose values differ in shape, the
 * value's own.
 */
static double *
summary_kept_sums(const SummaryType *type, const void *value, int *count)
{
	Size		offset = type->sums_offset;

	*count = type->n_sums;
	if (type->kept_sums != NULL)
		*count = type->kept_sums(value, &offset);
	return (double *) ((char *) value + offset);
}

/*
 * How many exact sums a window state of a value keeping count doubles has:
 * the type's n_sums, which a type with layouts that keep different doubles
 * sets to the most any keeps (the state may change layout), or the value's
 * own count, for a type whose values differ in shape (n_sums 0).
 */
static int
summary_window_sums(const SummaryType *type, int count)
{
	return Max(type->n_sums, count);
}

/* The oldest format version the type reads. */
static int
summary_oldest_version(const SummaryType *type)
{
	return type->oldest_version != 0 ? type->oldest_version : type->version;
}

/* Whether the type reads a format version. */
static bool
summary_reads_version(const SummaryType *type, int64 version)
{
	return version >= summary_oldest_version(type) && version <= type->version;
}

/* The format version a value is written in. */
static int
summary_version_of(const SummaryType *type, const void *value)
{
	return type->version_of != NULL ? type->version_of(value) : type->version;
}

/* The hint naming the versions a type reads. */
static char *
summary_versions_read(const SummaryType *type)
{
	if (summary_oldest_version(type) == type->version)
		return psprintf("This version of cx_metrics reads version %d.", type->version);
	return psprintf("This version of cx_metrics reads versions %d to %d.",
					summary_oldest_version(type), type->version);
}

/* Bytes of the window header before a value: the header and its sums. */
static Size
summary_window_header_size(const SummaryType *type, const void *value)
{
	int			count;

	summary_kept_sums(type, value, &count);
	return MAXALIGN(offsetof(SummaryWindow, sums) + summary_window_sums(type, count) * sizeof(ExactSum));
}

/*
 * summary_new
 *		A new, empty value in the given context.
 */
void *
summary_new(const SummaryType *type, MemoryContext context, const void *arg)
{
	Size		size = type->new_size != NULL ? type->new_size(arg) : type->size;
	void	   *value = MemoryContextAllocZero(context, size);

	if (type->varlena)
		SET_VARSIZE(value, size);
	type->init(value, arg);
	return value;
}

/*
 * summary_window_new
 *		A new window state in the given context: the header with empty
 *		exact sums, then an empty value marked SUMMARY_FLAG_WINDOW.  The
 *		state is a pointer to the value, so a type's transition functions
 *		update it as they update a plain state.
 */
void *
summary_window_new(const SummaryType *type, MemoryContext context, const void *arg)
{
	void	   *model = summary_new(type, CurrentMemoryContext, arg);
	Size		header = summary_window_header_size(type, model);
	Size		size = summary_size(type, model);
	char	   *block = MemoryContextAllocZero(context, header + size);
	SummaryWindow *window = (SummaryWindow *) block;
	void	   *value = block + header;
	int			count;
	int			i;

	summary_kept_sums(type, model, &count);
	for (i = 0; i < summary_window_sums(type, count); i++)
		exact_sum_init(&window->sums[i]);
	if (type->varlena)
		SET_VARSIZE(value, size);
	*summary_flags(type, value) = SUMMARY_FLAG_WINDOW;
	type->init(value, arg);
	pfree(model);
	return value;
}

/*
 * summary_window_renew
 *		For a type whose values differ in shape (new_size): a window state
 *		whose frame holds no row, made anew for init's arg, so that the next
 *		row or summary may have another shape than the rows that left; the
 *		old state is freed.  Any other state is returned as it is.
 */
void *
summary_window_renew(const SummaryType *type, void *value, const void *arg)
{
	SummaryWindow *window;
	void	   *renewed;

	if (type->new_size == NULL || !(*summary_flags(type, value) & SUMMARY_FLAG_WINDOW))
		return value;
	window = summary_window_base(type, value);
	if (window->rows != 0)
		return value;
	renewed = summary_window_new(type, GetMemoryChunkContext(window), arg);
	pfree(window);
	return renewed;
}

/*
 * summary_window_base
 *		The header of a window state, given its value.
 */
SummaryWindow *
summary_window_base(const SummaryType *type, void *value)
{
	if (!(*summary_flags(type, value) & SUMMARY_FLAG_WINDOW))
		elog(ERROR, "%s window function called without a window state",
			 type->type_name);
	return (SummaryWindow *) ((char *) value - summary_window_header_size(type, value));
}

/*
 * summary_enlarge
 *		Room for new_bytes in a state of a varlena type that grows, of which
 *		the first old_bytes (the value, and what the type keeps after it in
 *		a window state) are kept and the rest zeroed; the value's new
 *		address.
 *
 * A window state is reallocated whole, header included, in its own
 * context.  A plain state is copied into the current memory context: a
 * transition function that returns a new address has the executor copy it
 * into the aggregate's context and free the old state, so reallocating the
 * old state in place would free it twice.
 */
void *
summary_enlarge(const SummaryType *type, void *value, Size old_bytes, Size new_bytes)
{
	char	   *result;

	Assert(type->varlena && new_bytes >= old_bytes);
	if (*summary_flags(type, value) & SUMMARY_FLAG_WINDOW)
	{
		Size		header = summary_window_header_size(type, value);
		char	   *block = repalloc((char *) value - header, header + new_bytes);

		result = block + header;
	}
	else
	{
		result = palloc(new_bytes);
		memcpy(result, value, old_bytes);
	}
	memset(result + old_bytes, 0, new_bytes - old_bytes);
	return result;
}

/*
 * summary_copy
 *		A palloc'd copy of a value without the scratch flags of the state it
 *		may have been (as the type stores it, when it says how).
 */
void *
summary_copy(const SummaryType *type, const void *value)
{
	Size		size = summary_size(type, value);
	void	   *copy;

	if (type->stored_copy != NULL)
		copy = type->stored_copy(value);
	else
	{
		copy = palloc(size);
		memcpy(copy, value, size);
	}
	*summary_flags(type, copy) &= type->stored_flags;
	return copy;
}

/*
 * summary_state_for_update_slow
 *		summary_state_for_update when the state is not yet allocated or the
 *		function is called outside an aggregate.
 *
 * Inside an aggregate a new state is allocated in the current (per-row)
 * memory context: when a transition function returns a pointer other than
 * its first argument (as for a group's first row), the executor copies a
 * by-reference state into the aggregate's context and keeps only that copy,
 * so a state allocated in the aggregate's context would stay there beside
 * its copy for the life of the group, doubling the memory of every group
 * of a hash aggregate.  Later rows update the copy in place.  A window
 * state (the function serves as a moving-aggregate transition whose state
 * type is internal) is a pointer that the executor does not copy, so it
 * goes in the aggregate's context.  Called as a plain function, the
 * argument belongs to the caller, so a copy is made.
 */
void *
summary_state_for_update_slow(FunctionCallInfo fcinfo, const SummaryType *type,
							  const void *arg)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
	{
		void	   *copy;

		if (PG_ARGISNULL(0))
			return summary_new(type, CurrentMemoryContext, arg);
		/* a state to update, with the scratch flags its content calls for */
		copy = summary_copy(type, summary_getarg(fcinfo, type, 0));
		if (type->prepare != NULL)
			type->prepare(copy);
		return copy;
	}
	if (PG_ARGISNULL(0))
	{
		if (get_fn_expr_argtype(fcinfo->flinfo, 0) == INTERNALOID)
			return summary_window_new(type, aggcontext, arg);
		return summary_new(type, CurrentMemoryContext, arg);
	}
	return PG_GETARG_POINTER(0);
}

/*
 * Start a window state afresh: its frame has emptied (every row that
 * entered has left), and a row enters again.  The frame is then exactly
 * what a new state over its rows would give: the double sums lose the
 * rounding residue of what was added and subtracted, the exact sums a base
 * set by a row long gone, and the state its inexactness.
 */
static void
summary_window_restart(const SummaryType *type, void *value)
{
	SummaryWindow *window = summary_window_base(type, value);
	int			count;
	double	   *sums = summary_kept_sums(type, value, &count);
	int			i;

	for (i = 0; i < summary_window_sums(type, count); i++)
		exact_sum_init(&window->sums[i]);
	for (i = 0; i < count; i++)
		sums[i] = 0.0;
	*summary_flags(type, value) &= ~SUMMARY_FLAG_INEXACT;
	window->removed = false;
	if (type->restart != NULL)
		type->restart(value);
}

/*
 * summary_window_count
 *		Count a row (or summary) entering (sign 1) or leaving (sign -1) a
 *		window state's frame; one entering an empty frame first starts it
 *		afresh.  Nothing for a plain state.
 */
void
summary_window_count(const SummaryType *type, void *value, int sign)
{
	SummaryWindow *window;

	if (!(*summary_flags(type, value) & SUMMARY_FLAG_WINDOW))
		return;
	window = summary_window_base(type, value);
	if (sign > 0 && window->rows == 0)
		summary_window_restart(type, value);
	if (sign < 0 && window->rows <= 0)
		elog(ERROR, "inverse transition removed a row that was never added");
	window->rows += sign;
	if (sign < 0)
		window->removed = true;
}

/*
 * summary_add_sum
 *		Add amount to the index-th kept double of a value: of a window state
 *		exactly as well, the double then only standing in if a value falls
 *		outside the exact sums' range, which marks the state inexact.
 *
 * The double sums of a window state that rows have left carry the rounding
 * residue of those rows ((a + b) - a need not be b), so on turning inexact
 * they restart from the exact sums of the rows in the frame: from then on
 * they are the plain floating-point sums of the frame, as a fresh state
 * would have them, until PostgreSQL recomputes the next frame.
 */
void
summary_add_sum(const SummaryType *type, void *value, int index, double amount)
{
	uint8	   *flags = summary_flags(type, value);
	int			count;
	double	   *sums = summary_kept_sums(type, value, &count);
	SummaryWindow *window;
	int			i;

	Assert(index >= 0 && index < count);
	sums[index] += amount;
	if ((*flags & (SUMMARY_FLAG_WINDOW | SUMMARY_FLAG_INEXACT)) != SUMMARY_FLAG_WINDOW)
		return;
	window = summary_window_base(type, value);
	if (exact_sum_add(&window->sums[index], amount))
		return;
	*flags |= SUMMARY_FLAG_INEXACT;
	if (window->removed)
	{
		/* the failed addition left the exact sum as it was */
		for (i = 0; i < count; i++)
			sums[i] = exact_sum_value(&window->sums[i]);
		sums[index] += amount;
	}
}

/*
 * summary_is_exact
 *		Whether a state's sums are still exact (always, for a plain state).
 */
bool
summary_is_exact(const SummaryType *type, const void *value)
{
	return (*summary_flags(type, value) & SUMMARY_FLAG_INEXACT) == 0;
}

/*
 * summary_window_value
 *		The value a window state stands for: its exact sums rounded once to
 *		doubles (the same for the same rows, whatever came and went before),
 *		without scratch flags.
 */
void *
summary_window_value(const SummaryType *type, void *value)
{
	SummaryWindow *window = summary_window_base(type, value);
	void	   *result = summary_copy(type, value);
	int			count;
	double	   *sums = summary_kept_sums(type, result, &count);
	int			i;

	if (!(*summary_flags(type, value) & SUMMARY_FLAG_INEXACT))
		for (i = 0; i < count; i++)
			sums[i] = exact_sum_value(&window->sums[i]);
	return result;
}

/*
 * summary_combine
 *		a + b; the aggregates' combine function; the transition function of
 *		the roll-up aggregates, whose state (argument 0) is updated in place;
 *		and, declared non-strict over internal, their moving-aggregate
 *		transition, whose window state is allocated here on the first call
 *		(a moving-aggregate transition must not return NULL).  For a type
 *		whose values differ in shape, the window state is made for the
 *		summary it takes, and made anew when its frame has emptied.
 */
Datum
summary_combine(FunctionCallInfo fcinfo, const SummaryType *type)
{
	MemoryContext aggcontext;
	void	   *target;
	void	   *source = PG_ARGISNULL(1) ? NULL : summary_getarg(fcinfo, type, 1);

	if (AggCheckCallContext(fcinfo, &aggcontext))
	{
		const void *shape = type->new_size != NULL ? source : NULL;

		/*
		 * A roll-up's first state is the executor's copy of a stored value,
		 * which may be compressed or have a short header: work on it
		 * detoasted (a new address, which the executor keeps instead).
		 */
		target = PG_ARGISNULL(0) ? summary_window_new(type, aggcontext, shape) :
			summary_getarg(fcinfo, type, 0);
		if (source == NULL)
			PG_RETURN_POINTER(target);
		target = summary_window_renew(type, target, shape);
		summary_window_count(type, target, 1);
	}
	else
	{
		if (PG_ARGISNULL(0) || source == NULL)
			PG_RETURN_NULL();
		target = summary_copy(type, summary_getarg(fcinfo, type, 0));
	}
	if (type->make_room != NULL)
		target = type->make_room(target, source);
	type->add(target, source, 1);
	PG_RETURN_POINTER(target);
}

/*
 * summary_subtract
 *		Inverse transition of the roll-up aggregates: remove one summary
 *		from a window state.  NULL asks for the frame to be recomputed.
 */
Datum
summary_subtract(FunctionCallInfo fcinfo, const SummaryType *type)
{
	void	   *state = window_inverse_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	summary_window_count(type, state, -1);
	if (!type->add(state, summary_getarg(fcinfo, type, 1), -1) || !summary_is_exact(type, state))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(state);
}

/*
 * summary_final
 *		Final function of the summary aggregates: the state, or NULL when it
 *		holds nothing (as sum() gives NULL for no rows).
 */
Datum
summary_final(FunctionCallInfo fcinfo, const SummaryType *type)
{
	void	   *state = summary_getarg(fcinfo, type, 0);

	if (type->is_empty(state))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(summary_copy(type, state));
}

/*
 * summary_window_summary_final
 *		Moving-aggregate final function of the summary aggregates: the
 *		window state as a value, or NULL for a frame without rows.
 */
Datum
summary_window_summary_final(FunctionCallInfo fcinfo, const SummaryType *type)
{
	void	   *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = PG_GETARG_POINTER(0);
	if (summary_window_base(type, state)->rows == 0 || type->is_empty(state))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(summary_window_value(type, state));
}

/*
 * summary_window_metric
 *		Moving-aggregate final function of a direct aggregate: the metric
 *		(a strict accessor such as nps(s)) of the window state's value.
 */
Datum
summary_window_metric(FunctionCallInfo fcinfo, const SummaryType *type,
					  PGFunction metric)
{
	LOCAL_FCINFO(metric_fcinfo, 1);
	Datum		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	InitFunctionCallInfoData(*metric_fcinfo, NULL, 1, InvalidOid, NULL, NULL);
	metric_fcinfo->args[0].value =
		PointerGetDatum(summary_window_value(type, PG_GETARG_POINTER(0)));
	metric_fcinfo->args[0].isnull = false;
	result = metric(metric_fcinfo);
	fcinfo->isnull = metric_fcinfo->isnull;
	return result;
}

/*
 * summary_equal
 *		a = b, as the type defines it.
 */
bool
summary_equal(const SummaryType *type, const void *a, const void *b)
{
	return type->equal(a, b);
}

/*
 * summary_hash
 *		A hash consistent with =: the hash of the binary form, which every
 *		type writes canonically (equal values, equal bytes).
 */
Datum
summary_hash(const SummaryType *type, const void *value)
{
	bytea	   *binary = summary_to_binary(type, value);

	return hash_any((unsigned char *) VARDATA(binary), VARSIZE(binary) - VARHDRSZ);
}

/*
 * Text framing
 * ------------
 * A JSON object: {"version": N, then the type's keys}.  Keys come in any
 * order, each once; the kernel reads "version" and hands every other key
 * to the type; unknown keys, duplicates and anything after the object are
 * syntax errors pointing at the place.
 */

/*
 * Check a value that came from outside (text or binary input) and set its
 * scratch flags; NULL when it is valid, else a sentence saying what is
 * wrong.
 */
static char *
summary_accept(const SummaryType *type, void *value)
{
	char	   *problem = type->check_content(value);

	if (problem == NULL && type->prepare != NULL)
		type->prepare(value);
	return problem;
}

/*
 * summary_from_text
 *		Parse the text form of a value of the type.
 */
void *
summary_from_text(const SummaryType *type, const char *text)
{
	TextParser	parser;
	void	   *scratch = palloc0(type->text_scratch_size);
	uint32		seen = 0;
	void	   *value;
	char	   *problem;

	parser.input = text;
	parser.pos = text;
	parser.type_name = type->type_name;
	parser.format_hint = type->text_hint;
	parser.version = type->version;

	expect_char(&parser, '{', "\"{\"");
	do
	{
		char		key[32];
		const char *key_start;
		int			index = -1;
		int			i;

		skip_space(&parser);
		key_start = parser.pos;
		read_key(&parser, key, sizeof(key));
		for (i = 0; type->text_keys[i] != NULL; i++)
			if (strcmp(key, type->text_keys[i]) == 0)
				index = i;
		if ((index < 0 || (seen & (((uint32) 1 << index)))) &&
			type->text_keys_expected != NULL)
		{
			parser.pos = key_start;
			text_syntax_error(&parser, type->text_keys_expected);
		}
		if (index < 0 || (seen & (((uint32) 1 << index))))
		{
			StringInfoData expected;

			initStringInfo(&expected);
			appendStringInfoString(&expected, "one of the keys ");
			for (i = 0; type->text_keys[i] != NULL; i++)
				appendStringInfo(&expected, i > 0 ? ", \"%s\"" : "\"%s\"",
								 type->text_keys[i]);
			parser.pos = key_start;
			text_syntax_error(&parser, index < 0 ? expected.data : "each key once");
		}
		seen |= ((uint32) 1 << index);
		expect_char(&parser, ':', "\":\"");
		if (index == 0)
		{
			int64		version = read_count(&parser, "a version number");

			if (!summary_reads_version(type, version))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("unsupported %s version " INT64_FORMAT,
								type->type_name, version),
						 errhint("%s", summary_versions_read(type))));
			parser.version = (int) version;
		}
		else
			type->read_text_field(type, &parser, index, scratch);
	} while (accept_char(&parser, ','));
	expect_char(&parser, '}', "\",\" or \"}\"");
	skip_space(&parser);
	if (*parser.pos != '\0')
		text_syntax_error(&parser, "the end of the input");

	value = type->finish_text(type, &parser, scratch, seen);
	problem = summary_accept(type, value);
	if (problem != NULL)
		text_content_error(&parser, problem);
	return value;
}

/*
 * summary_to_text
 *		The text form: the version, then the type's fields.
 */
char *
summary_to_text(const SummaryType *type, const void *value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"version\": %d", summary_version_of(type, value));
	type->write_text(&buf, value);
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/*
 * Binary framing
 * --------------
 * The version byte, then the type's fields; a value is read whole, with
 * nothing after it, and passes the type's content check.
 */

/*
 * summary_from_binary
 *		Read the binary form of a value of the type; every byte is checked.
 */
void *
summary_from_binary(const SummaryType *type, StringInfo buf)
{
	uint8		version;
	void	   *value;
	char	   *problem;

	if (buf->len - buf->cursor < type->binary_header)
		binary_error(type->type_name, "The value ends early.");
	binary_read(buf, &version, 1, type->type_name);
	if (!summary_reads_version(type, version))
	{
		if (summary_oldest_version(type) == type->version)
			binary_error(type->type_name,
						 psprintf("Version %d is not the version %d this build reads.",
								  version, type->version));
		binary_error(type->type_name,
					 psprintf("Version %d is not one of the versions %d to %d this build reads.",
							  version, summary_oldest_version(type), type->version));
	}
	if (type->read_binary_version != NULL)
		value = type->read_binary_version(type, buf, version);
	else
		value = type->read_binary(type, buf);
	if (buf->cursor != buf->len)
		binary_error(type->type_name, "The value has bytes after its end.");
	problem = summary_accept(type, value);
	if (problem != NULL)
		binary_error(type->type_name, problem);
	return value;
}

/*
 * summary_to_binary
 *		The binary form: the version byte, then the type's fields.
 */
bytea *
summary_to_binary(const SummaryType *type, const void *value)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, summary_version_of(type, value));
	type->write_binary(&buf, value);
	return pq_endtypsend(&buf);
}
