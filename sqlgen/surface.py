"""The SQL surface of cx_metrics: every type, function, operator, operator
class and aggregate of the current version, as tables.

sqlgen/generate.py turns this into the install script of the current
version and the update script from the previous one (`make sql`).  Edit
here, run `make sql`, commit the regenerated scripts with it;
test/check_generated_sql.sh fails when they are out of date.

Placeholders in names, symbols and comments:
  {m}      the metric: nps, csat, ces, churn
  {t}      its summary type: nps_summary, ...
  {k}      the C kernel its summary functions share: rating or churn
  {direct} its direct aggregate: nps_agg, csat_agg, ces_agg, churn_rate
  {title}  its name in prose: NPS, CSAT, CES, churn
Argument lists are SQL types separated by commas; a leading "name " gives
the argument a name, a trailing "= default" a default.
"""

# ---------------------------------------------------------------------------
# What a function's role means
# ---------------------------------------------------------------------------
# Support functions (for the aggregates only) are CALLED ON NULL INPUT when
# they take or build a state row by row, and EXECUTE on them is revoked from
# PUBLIC from 1.1 on: only the extension's owner, who owns the aggregates,
# runs them.  Everything else is STRICT and executable by everyone.  Every
# function is LANGUAGE C IMMUTABLE PARALLEL SAFE.
#
#   role        strict   EXECUTE for PUBLIC   what
ROLES = {
    'io':       (True,  True,  'type input and output'),
    'operator': (True,  True,  'the function of an operator (+ is also the combine function)'),
    'hash':     (True,  True,  'hash support of the hash operator class'),
    'accessor': (True,  True,  'reads a summary (also the direct aggregates\' final functions)'),
    'scalar':   (True,  True,  'a helper on a single value'),
    'typed':    (False, True,  'an accessor whose polymorphic argument, usually a typed NULL, names its result type'),
    'final':    (True,  False, 'final function of the summary aggregates'),
    'subtract': (True,  False, 'inverse transition of a roll-up on the summary state'),
    'trans':    (False, False, 'transition or inverse transition on the summary state'),
    'window':   (False, False, 'moving-aggregate (window) state: internal, exact sums'),
}

# ---------------------------------------------------------------------------
# Summary types
# ---------------------------------------------------------------------------
#  metric   kernel    direct        title    length  type comment
TYPES = [
    ('nps',   'rating', 'nps_agg',    'NPS',   192,
     'Counts (and survey weights) of NPS answers per score 0..10; text form '
     '{"version": 1, "scale": [0, 10], "counts": [...]}'),
    ('csat',  'rating', 'csat_agg',   'CSAT',  192,
     'Counts (and survey weights) of CSAT answers per score 1..k, with the scale and the '
     'satisfied band; text form {"version": 1, "scale": [1, k], "satisfied_from": j, "counts": [...]}'),
    ('ces',   'rating', 'ces_agg',    'CES',   192,
     'Counts (and survey weights) of CES answers per score 1..k, with the scale; text form '
     '{"version": 1, "scale": [1, k], "counts": [...]}'),
    ('churn', 'churn',  'churn_rate', 'churn', 72,
     'Customers at risk, lost and new (and their revenue) over one period; text form '
     '{"version": 1, "period_type": ..., "period": [start, end], "customers_at_start": ..., ...}'),
]

# Wording that differs between the rating summaries and churn.
#                        rating                                  churn
WORDING = {
    'weighted':        ('weighted',                           'revenue'),
    'sums':            ('weight',                             'revenue'),
    'of_both':         ('both sets of answers',               'both groups of customers, same period'),
    'when_empty':      ('no answers were aggregated',         'no row was aggregated'),
    'equal_means':     ('same counts and weights',            'same period, counts and revenue'),
    'plus':            ('combine two {title} summaries',      'combine two churn summaries of the same period'),
    'value':           ('the {title}',                        'the churn rate'),
}
# csat and ces summaries also carry their scale
EQUAL_MEANS = {'csat': 'same scale, counts and weights', 'ces': 'same scale, counts and weights'}

# ---------------------------------------------------------------------------
# Functions every summary type has
# ---------------------------------------------------------------------------
#  name                     arguments        result             C symbol                       role        comment
PER_TYPE_FUNCTIONS = [
    ('{t}_in',              'cstring',       '{t}',             '{m}_summary_in',              'io',       'text input of {t}'),
    ('{t}_out',             '{t}',           'cstring',         '{k}_summary_out',             'io',       'text output of {t}'),
    ('{t}_recv',            'internal',      '{t}',             '{m}_summary_recv',            'io',       'binary input of {t}'),
    ('{t}_send',            '{t}',           'bytea',           '{k}_summary_send',            'io',       'binary output of {t}'),
    ('{t}_combine',         '{t}, {t}',      '{t}',             '{k}_summary_combine',         'operator', "a + b: the summary of {of_both} (also the aggregates' combine function)"),
    ('{t}_eq',              '{t}, {t}',      'boolean',         '{k}_summary_eq',              'operator', 'a = b: {equal_means}'),
    ('{t}_ne',              '{t}, {t}',      'boolean',         '{k}_summary_ne',              'operator', 'a <> b'),
    ('{t}_hash',            '{t}',           'integer',         '{k}_summary_hash',            'hash',     'hash of a {t}, consistent with ='),
    ('{t}_subtract',        '{t}, {t}',      '{t}',             '{k}_summary_subtract',        'subtract', 'inverse transition (window frames) of the roll-up aggregates over {t}'),
    ('{t}_final',           '{t}',           '{t}',             '{k}_summary_final',           'final',    'final function of the {t} aggregates: NULL when {when_empty}'),
    ('{m}_window_combine',  'internal, {t}', 'internal',        '{k}_summary_combine',         'window',   'moving-aggregate transition of the roll-up aggregates over {t}, with exact {sums} sums'),
    ('{m}_window_subtract', 'internal, {t}', 'internal',        '{k}_summary_subtract',        'window',   'moving-aggregate inverse transition of the roll-up aggregates over {t}'),
    ('{m}_window_final',    'internal',      'double precision', '{m}_window_final',           'window',   'moving-aggregate final function of the {weighted} and roll-up {direct}: {value} of the window state'),
    ('{t}_window_final',    'internal',      '{t}',             '{k}_window_summary_final',    'window',   'moving-aggregate final function of the {weighted} and roll-up {t}: the window state as a summary'),
]

# Operators on every summary type, and its hash operator class
#  operator  function        commutator  negator  hashes  restrict  join         comment
OPERATORS = [
    ('+',    '{t}_combine',  '+',        None,    False,  None,     None,        '{plus}'),
    ('=',    '{t}_eq',       '=',        '<>',    True,   'eqsel',  'eqjoinsel', '{title} summaries are equal'),
    ('<>',   '{t}_ne',       '<>',       '=',     False,  'neqsel', 'neqjoinsel', '{title} summaries differ'),
]
#  operator class   method  operator  function    class comment                                                    family comment
OPCLASSES = [
    ('{t}_hash_ops', 'hash', '=',      '{t}_hash', 'hashing of {t} values, for GROUP BY, DISTINCT and hash joins', 'hashing of {t} values'),
]

# ---------------------------------------------------------------------------
# Accessors and statistics, per metric
# ---------------------------------------------------------------------------
#  metric  name                  arguments                                  result             C symbol                            comment
ACCESSORS = [
    ('nps',  'nps',                '{t}',                                     'double precision', 'nps_summary_nps',                  'Net Promoter Score: percent promoters (9-10) minus percent detractors (0-6), -100..100'),
    ('nps',  'promoters',          '{t}',                                     'double precision', 'nps_summary_promoters',            'percent of answers (by weight) that are promoters, 9-10'),
    ('nps',  'passives',           '{t}',                                     'double precision', 'nps_summary_passives',             'percent of answers (by weight) that are passives, 7-8'),
    ('nps',  'detractors',         '{t}',                                     'double precision', 'nps_summary_detractors',           'percent of answers (by weight) that are detractors, 0-6'),
    ('csat', 'csat',               '{t}',                                     'double precision', 'csat_summary_csat',                "CSAT: percent of answers (by weight) in the summary's satisfied band"),
    ('csat', 'csat',               '{t}, satisfied_from integer',             'double precision', 'csat_summary_csat_from',           'CSAT: percent of answers (by weight) scoring satisfied_from or more'),
    ('ces',  'ces',                '{t}',                                     'double precision', 'rating_summary_mean',              'CES: the mean score (weighted)'),
    ('churn', 'churn',             '{t}',                                     'double precision', 'churn_summary_churn',              "churn rate: percent of the customers (or revenue) at the period's start that was lost"),
    ('churn', 'retention_rate',    '{t}',                                     'double precision', 'churn_summary_retention_rate',     '100 minus the churn rate'),
    ('churn', 'customers_at_start', '{t}',                                    'bigint',           'churn_summary_customers_at_start', "customers active at the period's start (at risk)"),
    ('churn', 'customers_lost',    '{t}',                                     'bigint',           'churn_summary_customers_lost',     "customers at risk who were no longer active at the period's end"),
    ('churn', 'customers_new',     '{t}',                                     'bigint',           'churn_summary_customers_new',      'customers who started inside the period'),
    ('churn', 'revenue_at_start',  '{t}',                                     'double precision', 'churn_summary_revenue_at_start',   'revenue of the customers at risk (NULL without revenue)'),
    ('churn', 'revenue_lost',      '{t}',                                     'double precision', 'churn_summary_revenue_lost',       'revenue of the customers lost (NULL without revenue)'),
]
# the same on the three rating summaries
for _m, _lo in (('nps', '0..10'), ('csat', '1..k'), ('ces', '1..k')):
    ACCESSORS += [
        (_m, 'responses',    '{t}',                                       'bigint',           'rating_summary_responses',    'number of answers (rows) in the summary'),
        (_m, 'mean',         '{t}',                                       'double precision', 'rating_summary_mean',         'mean score %s (weighted)' % _lo),
        (_m, 'distribution', '{t}',                                       'bigint[]',         'rating_summary_distribution', 'answers per score as bigint[] subscripted %s by the score' % _lo),
        (_m, 'share',        '{t}, from_score integer, to_score integer', 'double precision', 'rating_summary_share',        'percent of answers (by weight) with a score from from_score to to_score'),
    ]

# Statistics: every metric has std_error, ci_lower, ci_upper and p_value,
# with the C symbols {t}_std_error, {t}_ci_lower, {t}_ci_upper, {t}_p_value.
#  metric   std_error comment                                    interval (ci_lower/ci_upper)                      p_value: two-sided p-value that two ...
STATISTICS = [
    ('nps',   'adjusted-Wald standard error of the NPS, in points', 'adjusted-Wald confidence interval of the NPS',  'NPS differ (z-test on adjusted-Wald estimates)'),
    ('csat',  'standard error of the CSAT percentage',              'Wilson score interval of the CSAT percentage',  'CSAT percentages differ (two-proportion z-test)'),
    ('ces',   'standard error of the mean effort score',            'Student t confidence interval of the mean',     'mean effort scores differ (Welch t-test)'),
    ('churn', 'standard error of the churn rate, in points (revenue churn: design-based, as svyratio)', 'Wilson score interval of the churn rate (revenue churn: with the effective n of its design-based variance)', 'churn rates differ (two-proportion z-test)'),
]

#  name            arguments         result  C symbol                comment
SCALARS = [
    ('nps_category', 'score integer',  'text', 'nps_category',         "'detractor' (0-6), 'passive' (7-8) or 'promoter' (9-10)"),
    ('nps_category', 'score smallint', 'text', 'nps_category_int2',    "'detractor' (0-6), 'passive' (7-8) or 'promoter' (9-10)"),
    ('nps_category', 'score numeric',  'text', 'nps_category_numeric', "'detractor' (0-6), 'passive' (7-8) or 'promoter' (9-10), for a whole numeric score"),
]

# ---------------------------------------------------------------------------
# Aggregates
# ---------------------------------------------------------------------------
# Every metric has a direct aggregate ({direct}, double precision through
# the accessor {m}) and a summary aggregate ({t}, through {t}_final), both
# for every input below and for a roll-up of stored summaries.
#
# An input is the score argument (one of the value types, with the C suffix
# of its support functions), then the shape's arguments, then the weight
# when weighted.  Its support functions are {m}_trans<suffix><weighted> and
# {m}_inv<suffix><weighted> on the summary state (C symbols of the same
# name), and, when its moving state is internal (WINDOW_STATE),
# {m}_window_trans<suffix><weighted> and {m}_window_inv<suffix><weighted> on
# the window state (C symbols {m}_trans... and {m}_inv...); the aggregates
# of such an input take their moving-aggregate functions from the window
# state and {m}_inv... has no use (see DROPPED).
#
#  metric   value arguments: (SQL type, C suffix), ...                     shapes (arguments after the value)                        weight argument, C suffix
INPUTS = [
    ('nps',   [('score integer', ''), ('score smallint', '_int2'), ('score numeric', '_numeric')],
              [''],                                                                                       ('weight double precision', '_weighted')),
    ('csat',  [('score integer', ''), ('score smallint', '_int2'), ('score numeric', '_numeric')],
              ['', 'scale_max integer', 'scale_max integer, satisfied_from integer'],                     ('weight double precision', '_weighted')),
    ('ces',   [('score integer', ''), ('score smallint', '_int2'), ('score numeric', '_numeric')],
              ['', 'scale_max integer'],                                                                  ('weight double precision', '_weighted')),
    ('churn', [('active tstzrange, period tstzrange', ''), ('active tsrange, period tsrange', ''),
               ('active daterange, period daterange', '')],
              [''],                                                                                       ('revenue double precision', '_revenue')),
]

# Inputs whose moving-aggregate state is internal (exact sums of weights or
# revenue; churn also counts the rows in the frame): (metric, weighted)
WINDOW_STATE = [
    ('nps', True), ('csat', True), ('ces', True),
    ('churn', False), ('churn', True),
]

# The aggregates' comments.  {score}: the value's type; {shape}: the note of
# the shape (SHAPE_NOTES); the roll-up's row has value '{t}'.
#  metric   value       weighted  direct aggregate                                                               summary aggregate
AGGREGATE_COMMENTS = [
    ('nps',   'integer',  False, 'Net Promoter Score of 0..10 answers, -100..100',                                'nps_summary of 0..10 answers'),
    ('nps',   'smallint', False, 'Net Promoter Score of 0..10 answers given as smallint, -100..100',              'nps_summary of 0..10 answers given as smallint'),
    ('nps',   'numeric',  False, 'Net Promoter Score of whole-number 0..10 answers given as numeric or bigint',   'nps_summary of whole-number answers given as numeric or bigint'),
    ('nps',   'integer',  True,  'survey-weighted Net Promoter Score of 0..10 answers',                           'nps_summary of survey-weighted 0..10 answers'),
    ('nps',   'smallint', True,  'survey-weighted Net Promoter Score of 0..10 answers given as smallint',         'nps_summary of survey-weighted 0..10 answers given as smallint'),
    ('nps',   'numeric',  True,  'survey-weighted Net Promoter Score of numeric answers',                         'nps_summary of survey-weighted numeric answers'),
    ('nps',   '{t}',      False, 'Net Promoter Score of stored summaries rolled up',                              'roll-up of stored nps_summary values'),
    ('csat',  '*',        False, 'CSAT (percent satisfied) of {score} answers{shape}',                            'csat_summary of {score} answers'),
    ('csat',  '*',        True,  'survey-weighted CSAT (percent satisfied) of {score} answers{shape}',            'csat_summary of survey-weighted {score} answers'),
    ('csat',  '{t}',      False, 'CSAT (percent satisfied) of stored summaries rolled up',                        'roll-up of stored csat_summary values'),
    ('ces',   '*',        False, 'CES (mean score) of {score} answers{shape}',                                    'ces_summary of {score} answers'),
    ('ces',   '*',        True,  'survey-weighted CES (mean score) of {score} answers{shape}',                    'ces_summary of survey-weighted {score} answers'),
    ('ces',   '{t}',      False, 'CES (mean score) of stored summaries rolled up',                                'roll-up of stored ces_summary values'),
    ('churn', '*',        False, "churn rate: percent of the customers active at the period's start and lost by its end",
                                 'churn_summary of customers over the period'),
    ('churn', '*',        True,  "revenue churn: percent of the revenue active at the period's start and lost by its end",
                                 'churn_summary of customers weighted by revenue over the period'),
    ('churn', '{t}',      False, 'churn rate of stored summaries of one period rolled up',                        'roll-up of stored churn_summary values of one period'),
]
#  metric  shape                                          note
SHAPE_NOTES = [
    ('csat', '',                                          ' on the default 1..5 scale'),
    ('csat', 'scale_max integer',                         ''),
    ('csat', 'scale_max integer, satisfied_from integer', ' with an explicit satisfied band'),
    ('ces',  '',                                          ' on the default 1..7 scale'),
    ('ces',  'scale_max integer',                         ''),
]

# Comments of the transition functions, by kind; {args}: the input's types.
#  kind             on the summary state / the window state of an unweighted input            ... of a weighted input
SUPPORT_COMMENTS = {
    'trans':        ('transition function of {direct}({args}) and {t}({args})',               None),
    'inv':          ('inverse transition (window frames) of {direct}({args}) and {t}({args})', None),
    'window_trans': ('moving-aggregate transition of {direct}({args}) and {t}({args})',       'moving-aggregate transition of {t}({args}), with exact {sums} sums'),
    'window_inv':   ('moving-aggregate inverse transition of {direct}({args}) and {t}({args})', 'moving-aggregate inverse transition of {t}({args})'),
}

# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------
# The released versions' scripts are frozen: cx_metrics--1.0.sql is
# hand-written, kept byte for byte, and not generated.  The current version
# is generated in full; its update script from the previous version is
# generated from the differences this file records.
PREVIOUS_VERSION = '1.0'
CURRENT_VERSION = '1.1'

# Functions of 1.0 that 1.1 drops: nothing uses them and, called directly,
# they only raise an error.  The update script drops them; their C symbols
# stay in the library, which 1.0's script names.
#  which                 the functions                                   reason
DROPPED = [
    ('summary_inv',      '{m}_inv<suffix><weighted>({t}, <input>) of every input with a window state',
     'no aggregate uses it (the aggregates of this input take {m}_window_inv...); outside a '
     'window aggregate every inverse transition raises "inverse transition functions can only '
     'be called by window aggregates"'),
    ('summary_subtract', '{t}_subtract({t}, {t})',
     'no aggregate uses it (the roll-ups take {m}_window_subtract); outside a window aggregate '
     'it raises the same error'),
]
# 1.0 had EXECUTE for PUBLIC on every function; 1.1 revokes it on the
# support functions (ROLES).


# C bodies named otherwise than the naming rule says (docs/internals.md,
# "From an SQL name to its C body"); make sql refuses any other.
#  SQL name  C symbol
SYMBOL_EXCEPTIONS = [
    ('ces',                        'rating_summary_mean'),          # the CES is the mean score
    ('nps_summary_window_final',   'rating_window_summary_final'),  # one body for every window state
    ('csat_summary_window_final',  'rating_window_summary_final'),
    ('ces_summary_window_final',   'rating_window_summary_final'),
    ('churn_summary_window_final', 'churn_window_summary_final'),
]


# ---------------------------------------------------------------------------
# Customer lifetimes (new in 1.1): variable-length summary types
# ---------------------------------------------------------------------------
# Each type is described in full below (its functions, operators, operator
# class and aggregates), with {t} standing for the type.  Every object of
# these sections is new in the current version: the update script creates
# it exactly as the install script does.  C symbols follow the naming rule
# (docs/internals.md): the SQL name, or {t}_name.
#  type                  comment
LIFETIME_TYPES = [
    ('churn_timeline',
     'Churn summaries of the consecutive periods lower(span) + k step that tile a span, built in '
     'one pass over the customers; text form {"version": 1, "period_type": ..., "span": [start, end], '
     '"step_months": n, "customers_at_start": [...], ...}'),
    ('retention_summary',
     'Customers lost and censored (and their revenue) per age in whole steps from the start of '
     'their lifetime: a Kaplan-Meier table; text form {"version": 1, "step_months": n, "lost": [...], '
     '"censored": [...]}'),
]

#  type                  name                 arguments                                                  result             C symbol                                role        comment
LIFETIME_FUNCTIONS = [
    ('churn_timeline', '{t}_in',               'cstring',                                        '{t}',              '{t}_in',                  'io',       'text input of {t}'),
    ('churn_timeline', '{t}_out',              '{t}',                                            'cstring',          '{t}_out',                 'io',       'text output of {t}'),
    ('churn_timeline', '{t}_recv',             'internal',                                       '{t}',              '{t}_recv',                'io',       'binary input of {t}'),
    ('churn_timeline', '{t}_send',             '{t}',                                            'bytea',            '{t}_send',                'io',       'binary output of {t}'),
    ('churn_timeline', '{t}_combine',          '{t}, {t}',                                       '{t}',              '{t}_combine',             'operator', "a + b: the timeline of both groups of customers, same span and step (also the aggregates' combine function)"),
    ('churn_timeline', '{t}_eq',               '{t}, {t}',                                       'boolean',          '{t}_eq',                  'operator', 'a = b: same span, step, counts and revenue per period'),
    ('churn_timeline', '{t}_ne',               '{t}, {t}',                                       'boolean',          '{t}_ne',                  'operator', 'a <> b'),
    ('churn_timeline', '{t}_hash',             '{t}',                                            'integer',          '{t}_hash',                'hash',     'hash of a {t}, consistent with ='),
    ('churn_timeline', '{t}_final',            '{t}',                                            '{t}',              '{t}_final',               'final',    'final function of the {t} aggregates'),
    ('churn_timeline', 'unnest',               '{t}',                                            'SETOF record',     '{t}_unnest',              'accessor', 'the periods of a timeline as rows (period, summary churn_summary), each summary the churn_summary of its period; name the columns: unnest(t) AS (period daterange, summary churn_summary), or call unnest(t, NULL::daterange)'),
    ('churn_timeline', 'unnest',               't {t}, period_type anyrange',                    'TABLE(period anyrange, summary churn_summary)', '{t}_unnest', 'typed', 'the periods of a timeline as rows (period, summary), each summary the churn_summary of its period; period_type, such as NULL::daterange, names the range type of the timeline\'s periods; no row for a NULL timeline'),
    ('churn_timeline', 'churn_timeline_trans', '{t}, tstzrange, tstzrange, interval',            '{t}',              'churn_timeline_trans',    'trans',    'transition function of {t}(tstzrange, tstzrange, interval)'),
    ('churn_timeline', 'churn_timeline_trans', '{t}, tsrange, tsrange, interval',                '{t}',              'churn_timeline_trans',    'trans',    'transition function of {t}(tsrange, tsrange, interval)'),
    ('churn_timeline', 'churn_timeline_trans', '{t}, daterange, daterange, interval',            '{t}',              'churn_timeline_trans',    'trans',    'transition function of {t}(daterange, daterange, interval)'),
    ('churn_timeline', 'churn_timeline_trans_revenue', '{t}, tstzrange, tstzrange, interval, double precision', '{t}', 'churn_timeline_trans_revenue', 'trans', 'transition function of {t}(tstzrange, tstzrange, interval, double precision)'),
    ('churn_timeline', 'churn_timeline_trans_revenue', '{t}, tsrange, tsrange, interval, double precision',     '{t}', 'churn_timeline_trans_revenue', 'trans', 'transition function of {t}(tsrange, tsrange, interval, double precision)'),
    ('churn_timeline', 'churn_timeline_trans_revenue', '{t}, daterange, daterange, interval, double precision', '{t}', 'churn_timeline_trans_revenue', 'trans', 'transition function of {t}(daterange, daterange, interval, double precision)'),
    ('churn_timeline', 'churn_timeline_window_trans', 'internal, tstzrange, tstzrange, interval',         'internal',         'churn_timeline_trans',    'window',   'moving-aggregate transition of {t}(tstzrange, tstzrange, interval)'),
    ('churn_timeline', 'churn_timeline_window_trans', 'internal, tsrange, tsrange, interval',         'internal',         'churn_timeline_trans',    'window',   'moving-aggregate transition of {t}(tsrange, tsrange, interval)'),
    ('churn_timeline', 'churn_timeline_window_trans', 'internal, daterange, daterange, interval',         'internal',         'churn_timeline_trans',    'window',   'moving-aggregate transition of {t}(daterange, daterange, interval)'),
    ('churn_timeline', 'churn_timeline_window_trans_revenue', 'internal, tstzrange, tstzrange, interval, double precision', 'internal', 'churn_timeline_trans_revenue', 'window', 'moving-aggregate transition of {t}(tstzrange, tstzrange, interval, double precision), with exact revenue sums'),
    ('churn_timeline', 'churn_timeline_window_trans_revenue', 'internal, tsrange, tsrange, interval, double precision', 'internal', 'churn_timeline_trans_revenue', 'window', 'moving-aggregate transition of {t}(tsrange, tsrange, interval, double precision), with exact revenue sums'),
    ('churn_timeline', 'churn_timeline_window_trans_revenue', 'internal, daterange, daterange, interval, double precision', 'internal', 'churn_timeline_trans_revenue', 'window', 'moving-aggregate transition of {t}(daterange, daterange, interval, double precision), with exact revenue sums'),
    ('churn_timeline', 'churn_timeline_window_inv', 'internal, tstzrange, tstzrange, interval',           'internal',         'churn_timeline_inv',      'window',   'moving-aggregate inverse transition of {t}(tstzrange, tstzrange, interval)'),
    ('churn_timeline', 'churn_timeline_window_inv', 'internal, tsrange, tsrange, interval',           'internal',         'churn_timeline_inv',      'window',   'moving-aggregate inverse transition of {t}(tsrange, tsrange, interval)'),
    ('churn_timeline', 'churn_timeline_window_inv', 'internal, daterange, daterange, interval',           'internal',         'churn_timeline_inv',      'window',   'moving-aggregate inverse transition of {t}(daterange, daterange, interval)'),
    ('churn_timeline', 'churn_timeline_window_inv_revenue', 'internal, tstzrange, tstzrange, interval, double precision', 'internal', 'churn_timeline_inv_revenue', 'window', 'moving-aggregate inverse transition of {t}(tstzrange, tstzrange, interval, double precision)'),
    ('churn_timeline', 'churn_timeline_window_inv_revenue', 'internal, tsrange, tsrange, interval, double precision', 'internal', 'churn_timeline_inv_revenue', 'window', 'moving-aggregate inverse transition of {t}(tsrange, tsrange, interval, double precision)'),
    ('churn_timeline', 'churn_timeline_window_inv_revenue', 'internal, daterange, daterange, interval, double precision', 'internal', 'churn_timeline_inv_revenue', 'window', 'moving-aggregate inverse transition of {t}(daterange, daterange, interval, double precision)'),
    ('churn_timeline', '{t}_window_combine',   'internal, {t}',                                  'internal',         '{t}_combine',             'window',   'moving-aggregate transition of the roll-up {t}({t}), with exact revenue sums'),
    ('churn_timeline', '{t}_window_subtract',  'internal, {t}',                                  'internal',         '{t}_subtract',            'window',   'moving-aggregate inverse transition of the roll-up {t}({t})'),
    ('churn_timeline', '{t}_window_final',     'internal',                                       '{t}',              '{t}_window_final',        'window',   'moving-aggregate final function of the {t} aggregates: the window state as a timeline, NULL for a frame without rows'),
    ('retention_summary', '{t}_in',            'cstring',                                                 '{t}',             '{t}_in',                               'io',       'text input of {t}'),
    ('retention_summary', '{t}_out',           '{t}',                                                     'cstring',         '{t}_out',                              'io',       'text output of {t}'),
    ('retention_summary', '{t}_recv',          'internal',                                                '{t}',             '{t}_recv',                             'io',       'binary input of {t}'),
    ('retention_summary', '{t}_send',          '{t}',                                                     'bytea',           '{t}_send',                             'io',       'binary output of {t}'),
    ('retention_summary', '{t}_combine',       '{t}, {t}',                                                '{t}',             '{t}_combine',                          'operator', "a + b: the pooled table of both groups of customers, same step (also the aggregates' combine function)"),
    ('retention_summary', '{t}_eq',            '{t}, {t}',                                                'boolean',         '{t}_eq',                               'operator', 'a = b: same step, counts and revenue per age'),
    ('retention_summary', '{t}_ne',            '{t}, {t}',                                                'boolean',         '{t}_ne',                               'operator', 'a <> b'),
    ('retention_summary', '{t}_hash',          '{t}',                                                     'integer',         '{t}_hash',                             'hash',     'hash of a {t}, consistent with ='),
    ('retention_summary', '{t}_final',         '{t}',                                                     '{t}',             '{t}_final',                            'final',    'final function of the {t} aggregates: the table trimmed to the ages it uses'),
    ('retention_summary', 'retention',         '{t}, age integer',                                        'double precision', '{t}_retention',                       'accessor', 'Kaplan-Meier retention at an age in steps, in percent (revenue-weighted for a revenue summary); NULL past the last age with customers at risk'),
    ('retention_summary', 'std_error',         '{t}, age integer',                                        'double precision', '{t}_std_error',                       'accessor', 'Greenwood standard error of the retention at an age, in points'),
    ('retention_summary', 'ci_lower',          '{t}, age integer, level double precision = 0.95',         'double precision', '{t}_ci_lower',                        'accessor', 'lower end of the log-log confidence interval of the retention at an age, in percent (default level 0.95)'),
    ('retention_summary', 'ci_upper',          '{t}, age integer, level double precision = 0.95',         'double precision', '{t}_ci_upper',                        'accessor', 'upper end of the log-log confidence interval of the retention at an age, in percent (default level 0.95)'),
    ('retention_summary', 'customers_at_risk', '{t}, age integer',                                        'bigint',           '{t}_customers_at_risk',               'accessor', 'customers whose observed lifetime reaches an age'),
    ('retention_summary', 'customers_lost',    '{t}, age integer',                                        'bigint',           '{t}_customers_lost',                  'accessor', 'customers lost at an age, during the step that ends there'),
    ('retention_summary', 'customers_censored', '{t}, age integer',                                       'bigint',           '{t}_customers_censored',              'accessor', 'customers still active when as_of ended their observation at an age'),
    ('retention_summary', 'median_lifetime',   '{t}',                                                     'integer',          '{t}_median_lifetime',                 'accessor', 'the first age whose retention is 50 percent or less; NULL if none'),
    ('retention_summary', 'mean_lifetime',     '{t}, horizon integer',                                    'double precision', '{t}_mean_lifetime',                   'accessor', 'restricted mean lifetime in steps: the sum of the retention (as a fraction) at ages 1..horizon'),
    ('retention_summary', 'lifetime_value',    '{t}, horizon integer',                                    'double precision', '{t}_lifetime_value',                  'accessor', 'expected revenue per starting customer over horizon steps, paid at the start of each step, from a revenue summary'),
    ('retention_summary', 'lifetime_value',    '{t}, horizon integer, revenue_per_step double precision', 'double precision', '{t}_lifetime_value',                  'accessor', 'expected revenue per starting customer over horizon steps at revenue_per_step, paid at the start of each step'),
    ('retention_summary', 'p_value',           '{t}, {t}',                                                'double precision', '{t}_p_value',                         'accessor', 'two-sided p-value of the log-rank test that two groups of customers share one retention curve'),
    ('retention_summary', 'unnest',            '{t}',
     'TABLE(age integer, at_risk bigint, lost bigint, censored bigint, retention double precision, ci_lower double precision, ci_upper double precision)',
     '{t}_unnest', 'accessor', 'the retention curve as rows, one per age, with its 95 percent log-log interval, for charts'),
    ('retention_summary', 'retention_trans',   '{t}, tstzrange, interval, timestamptz',                    '{t}',             'retention_trans',                      'trans',    'transition function of {t}(tstzrange, interval, timestamptz)'),
    ('retention_summary', 'retention_trans',   '{t}, tsrange, interval, timestamp',                        '{t}',             'retention_trans',                      'trans',    'transition function of {t}(tsrange, interval, timestamp)'),
    ('retention_summary', 'retention_trans',   '{t}, daterange, interval, date',                           '{t}',             'retention_trans',                      'trans',    'transition function of {t}(daterange, interval, date)'),
    ('retention_summary', 'retention_trans_revenue', '{t}, tstzrange, interval, timestamptz, double precision', '{t}',        'retention_trans_revenue',              'trans',    'transition function of {t}(tstzrange, interval, timestamptz, double precision)'),
    ('retention_summary', 'retention_trans_revenue', '{t}, tsrange, interval, timestamp, double precision', '{t}',            'retention_trans_revenue',              'trans',    'transition function of {t}(tsrange, interval, timestamp, double precision)'),
    ('retention_summary', 'retention_trans_revenue', '{t}, daterange, interval, date, double precision',   '{t}',             'retention_trans_revenue',              'trans',    'transition function of {t}(daterange, interval, date, double precision)'),
    ('retention_summary', 'retention_window_trans', 'internal, tstzrange, interval, timestamptz',            'internal',        'retention_window_trans',               'window',   'moving-aggregate transition of {t}(tstzrange, interval, timestamptz)'),
    ('retention_summary', 'retention_window_trans', 'internal, tsrange, interval, timestamp',                'internal',        'retention_window_trans',               'window',   'moving-aggregate transition of {t}(tsrange, interval, timestamp)'),
    ('retention_summary', 'retention_window_trans', 'internal, daterange, interval, date',                   'internal',        'retention_window_trans',               'window',   'moving-aggregate transition of {t}(daterange, interval, date)'),
    ('retention_summary', 'retention_window_inv',   'internal, tstzrange, interval, timestamptz',            'internal',        'retention_window_inv',                 'window',   'moving-aggregate inverse transition of {t}(tstzrange, interval, timestamptz)'),
    ('retention_summary', 'retention_window_inv',   'internal, tsrange, interval, timestamp',                'internal',        'retention_window_inv',                 'window',   'moving-aggregate inverse transition of {t}(tsrange, interval, timestamp)'),
    ('retention_summary', 'retention_window_inv',   'internal, daterange, interval, date',                   'internal',        'retention_window_inv',                 'window',   'moving-aggregate inverse transition of {t}(daterange, interval, date)'),
    ('retention_summary', 'retention_window_trans_revenue', 'internal, tstzrange, interval, timestamptz, double precision', 'internal', 'retention_window_trans_revenue', 'window', 'moving-aggregate transition of {t}(tstzrange, interval, timestamptz, double precision), with exact revenue sums'),
    ('retention_summary', 'retention_window_trans_revenue', 'internal, tsrange, interval, timestamp, double precision',     'internal', 'retention_window_trans_revenue', 'window', 'moving-aggregate transition of {t}(tsrange, interval, timestamp, double precision), with exact revenue sums'),
    ('retention_summary', 'retention_window_trans_revenue', 'internal, daterange, interval, date, double precision',        'internal', 'retention_window_trans_revenue', 'window', 'moving-aggregate transition of {t}(daterange, interval, date, double precision), with exact revenue sums'),
    ('retention_summary', 'retention_window_inv_revenue',   'internal, tstzrange, interval, timestamptz, double precision', 'internal', 'retention_window_inv_revenue',   'window', 'moving-aggregate inverse transition of {t}(tstzrange, interval, timestamptz, double precision)'),
    ('retention_summary', 'retention_window_inv_revenue',   'internal, tsrange, interval, timestamp, double precision',     'internal', 'retention_window_inv_revenue',   'window', 'moving-aggregate inverse transition of {t}(tsrange, interval, timestamp, double precision)'),
    ('retention_summary', 'retention_window_inv_revenue',   'internal, daterange, interval, date, double precision',        'internal', 'retention_window_inv_revenue',   'window', 'moving-aggregate inverse transition of {t}(daterange, interval, date, double precision)'),
    ('retention_summary', 'retention_window_combine',  'internal, {t}',                                       'internal',        'retention_window_combine',             'window',   'moving-aggregate transition of the roll-up {t}({t}), with exact revenue sums'),
    ('retention_summary', 'retention_window_subtract', 'internal, {t}',                                       'internal',        'retention_window_subtract',            'window',   'moving-aggregate inverse transition of the roll-up {t}({t})'),
    ('retention_summary', '{t}_window_final',  'internal',                                                   '{t}',             '{t}_window_final',                     'window',   'moving-aggregate final function of the {t} aggregates: the window state as a summary, NULL for a frame without customers'),
]

# Moving-aggregate (window) support of the lifetime aggregates, by type and
# transition function.  The window state is internal: the value, preceded
# by the kernel's header (the rows in the frame), and for revenue followed
# by exact sums per age, so that a row or summary leaving the frame is
# subtracted exactly and a frame costs the same for any width.
#  type                  transition                 moving transition                 inverse transition              moving final
LIFETIME_MOVING = [
    ('churn_timeline', 'churn_timeline_trans',         'churn_timeline_window_trans',         'churn_timeline_window_inv',          '{t}_window_final'),
    ('churn_timeline', 'churn_timeline_trans_revenue', 'churn_timeline_window_trans_revenue', 'churn_timeline_window_inv_revenue',  '{t}_window_final'),
    ('churn_timeline', '{t}_combine',                  '{t}_window_combine',                  '{t}_window_subtract',                '{t}_window_final'),
    ('retention_summary', 'retention_trans',         'retention_window_trans',         'retention_window_inv',         '{t}_window_final'),
    ('retention_summary', 'retention_trans_revenue', 'retention_window_trans_revenue', 'retention_window_inv_revenue', '{t}_window_final'),
    ('retention_summary', '{t}_combine',             'retention_window_combine',       'retention_window_subtract',    '{t}_window_final'),
]

#  type                  operator  function       commutator  negator  hashes  restrict  join          comment
LIFETIME_OPERATORS = [
    ('churn_timeline', '+',  '{t}_combine', '+',  None, False, None,     None,         'combine two churn timelines of the same span and step'),
    ('churn_timeline', '=',  '{t}_eq',      '=',  '<>', True,  'eqsel',  'eqjoinsel',  'churn timelines are equal'),
    ('churn_timeline', '<>', '{t}_ne',      '<>', '=',  False, 'neqsel', 'neqjoinsel', 'churn timelines differ'),
    ('retention_summary', '+',  '{t}_combine', '+',  None, False, None,     None,         'combine two retention summaries of the same step'),
    ('retention_summary', '=',  '{t}_eq',      '=',  '<>', True,  'eqsel',  'eqjoinsel',  'retention summaries are equal'),
    ('retention_summary', '<>', '{t}_ne',      '<>', '=',  False, 'neqsel', 'neqjoinsel', 'retention summaries differ'),
]
#  type                  operator class   method  operator  function    class comment                                                  family comment
LIFETIME_OPCLASSES = [
    ('churn_timeline', '{t}_hash_ops', 'hash', '=', '{t}_hash', 'hashing of {t} values, for GROUP BY, DISTINCT and hash joins', 'hashing of {t} values'),
    ('retention_summary', '{t}_hash_ops', 'hash', '=', '{t}_hash', 'hashing of {t} values, for GROUP BY, DISTINCT and hash joins', 'hashing of {t} values'),
]

#  type                  aggregate  arguments                                                          transition                 comment
LIFETIME_AGGREGATES = [
    ('churn_timeline', '{t}', 'active tstzrange, span tstzrange, step interval',                          'churn_timeline_trans',         'churn summaries of the periods lower(span) + k step tiling span (UTC calendar), in one pass'),
    ('churn_timeline', '{t}', 'active tsrange, span tsrange, step interval',                              'churn_timeline_trans',         'churn summaries of the periods lower(span) + k step tiling span, in one pass'),
    ('churn_timeline', '{t}', 'active daterange, span daterange, step interval',                          'churn_timeline_trans',         'churn summaries of the periods lower(span) + k step tiling span, in one pass'),
    ('churn_timeline', '{t}', 'active tstzrange, span tstzrange, step interval, revenue double precision', 'churn_timeline_trans_revenue', 'revenue churn summaries of the periods lower(span) + k step tiling span (UTC calendar), in one pass'),
    ('churn_timeline', '{t}', 'active tsrange, span tsrange, step interval, revenue double precision',     'churn_timeline_trans_revenue', 'revenue churn summaries of the periods lower(span) + k step tiling span, in one pass'),
    ('churn_timeline', '{t}', 'active daterange, span daterange, step interval, revenue double precision', 'churn_timeline_trans_revenue', 'revenue churn summaries of the periods lower(span) + k step tiling span, in one pass'),
    ('churn_timeline', '{t}', '{t}',                                                                      '{t}_combine',                  'roll-up of stored churn_timeline values of the same span and step'),
    ('retention_summary', '{t}', 'active tstzrange, step interval, as_of timestamptz',                   'retention_trans',         'Kaplan-Meier table of customer lifetimes in whole steps, observed up to as_of (UTC calendar)'),
    ('retention_summary', '{t}', 'active tsrange, step interval, as_of timestamp',                       'retention_trans',         'Kaplan-Meier table of customer lifetimes in whole steps, observed up to as_of'),
    ('retention_summary', '{t}', 'active daterange, step interval, as_of date',                          'retention_trans',         'Kaplan-Meier table of customer lifetimes in whole steps, observed up to as_of'),
    ('retention_summary', '{t}', 'active tstzrange, step interval, as_of timestamptz, revenue double precision', 'retention_trans_revenue', 'Kaplan-Meier table of customer lifetimes weighted by revenue, in whole steps, observed up to as_of (UTC calendar)'),
    ('retention_summary', '{t}', 'active tsrange, step interval, as_of timestamp, revenue double precision',     'retention_trans_revenue', 'Kaplan-Meier table of customer lifetimes weighted by revenue, in whole steps, observed up to as_of'),
    ('retention_summary', '{t}', 'active daterange, step interval, as_of date, revenue double precision',        'retention_trans_revenue', 'Kaplan-Meier table of customer lifetimes weighted by revenue, in whole steps, observed up to as_of'),
    ('retention_summary', '{t}', '{t}',                                                                  '{t}_combine',             'roll-up of stored retention_summary values of the same step: the pooled table'),
]
