#!/usr/bin/env python3
"""Generate cx_metrics's SQL scripts from the description in sqlgen/surface.py.

    sqlgen/generate.py [OUTDIR]     (make sql: OUTDIR is the top directory)

writes
    cx_metrics--<current>.sql               the install script of the current version
    cx_metrics--<previous>--<current>.sql   the update script to it

cx_metrics--1.0.sql, the install script of the released 1.0, is not
generated: released scripts are frozen and kept byte for byte as they
shipped.  When the current version is released, its scripts are frozen the
same way (kept as files, no longer written here) and the description moves
on to the next version.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import surface as S  # noqa: E402

EXT = '@extschema@'
SUMMARY_TYPES = {'%s_summary' % row[0] for row in S.TYPES} | {row[0] for row in S.LIFETIME_TYPES}


def fill(text, ctx):
    """Replace {name} placeholders (only known names; JSON braces stay)."""
    for _ in range(3):
        new = re.sub(r'\{(\w+)\}', lambda m: ctx.get(m.group(1), m.group(0)), text)
        if new == text:
            break
        text = new
    return text


def qualify(typ):
    return '%s.%s' % (EXT, typ) if typ in SUMMARY_TYPES else typ


def qualify_result(result):
    """A result type, or the column types of a TABLE(...) result, qualified."""
    if not result.startswith('TABLE('):
        return qualify(result)
    return re.sub(r'(?<![\w.])(%s)\b' % '|'.join(sorted(SUMMARY_TYPES)),
                  lambda m: qualify(m.group(1)), result)


def parse_args(text):
    """'score integer, level double precision = 0.95' -> [(name, type, default)]"""
    args = []
    for part in [p.strip() for p in text.split(',') if p.strip()]:
        default = None
        if '=' in part:
            part, default = [x.strip() for x in part.split('=', 1)]
        words = part.split()
        known = SUMMARY_TYPES | {'integer', 'smallint', 'numeric', 'internal', 'cstring', 'double',
                                 'tstzrange', 'tsrange', 'daterange', 'bigint', 'boolean', 'text',
                                 'interval', 'date', 'timestamp', 'timestamptz', 'bytea', 'anyrange'}
        if len(words) > 1 and words[0] not in known:
            args.append((words[0], ' '.join(words[1:]), default))
        else:
            args.append((None, part, default))
    return args


def arg_decl(args):
    out = []
    for name, typ, default in args:
        s = qualify(typ)
        if name:
            s = '%s %s' % (name, s)
        if default is not None:
            s += ' DEFAULT %s' % default
        out.append(s)
    return ', '.join(out)


def arg_types(args, qualified=True):
    return ', '.join(qualify(t) if qualified else t for _, t, _ in args)


def literal(text):
    return "'" + text.replace("'", "''") + "'"


class Function:
    def __init__(self, name, args, result, symbol, role, comment, group):
        self.name, self.args, self.result, self.symbol = name, parse_args(args), result, symbol
        self.role, self.comment, self.group = role, comment, group
        self.strict, self.public, _ = S.ROLES[role]

    def signature(self):
        return '%s.%s(%s)' % (EXT, self.name, arg_types(self.args))

    def sql(self):
        return '\n'.join([
            'CREATE FUNCTION %s.%s(%s)' % (EXT, self.name, arg_decl(self.args)),
            'RETURNS %s' % qualify_result(self.result),
        ] + (['ROWS 25'] if self.result.startswith(('TABLE(', 'SETOF ')) else []) + [
            "AS 'MODULE_PATHNAME', %s" % literal(self.symbol),
            'LANGUAGE C IMMUTABLE %s PARALLEL SAFE;' % ('STRICT' if self.strict else 'CALLED ON NULL INPUT'),
            'COMMENT ON FUNCTION %s IS %s;' % (self.signature(), literal(self.comment)),
        ] + ([] if self.public else ['REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC;' % self.signature()]))


class Aggregate:
    def __init__(self, name, args, parts, comment):
        self.name, self.args, self.parts, self.comment = name, parse_args(args), parts, comment

    def sql(self):
        lines = ['CREATE AGGREGATE %s.%s(%s) (' % (EXT, self.name, arg_decl(self.args))]
        items = []
        for key, value in self.parts:
            if key in ('STYPE', 'MSTYPE'):
                items.append('\t%s = %s' % (key, qualify(value)))
            else:
                items.append('\t%s = %s.%s' % (key, EXT, value))
        items.append('\tPARALLEL = SAFE')
        lines.append(',\n'.join(items))
        lines.append(');')
        lines.append('COMMENT ON AGGREGATE %s.%s(%s) IS %s;'
                     % (EXT, self.name, arg_types(self.args), literal(self.comment)))
        return '\n'.join(lines)


def metric_context(row):
    m, kernel, direct, title, length, comment = row
    k = 0 if kernel == 'rating' else 1
    ctx = {'m': m, 't': '%s_summary' % m, 'k': kernel, 'direct': direct, 'title': title}
    for key, pair in S.WORDING.items():
        ctx[key] = pair[k]
    if m in S.EQUAL_MEANS:
        ctx['equal_means'] = S.EQUAL_MEANS[m]
    return ctx


def inputs_of(m):
    """Every input of a metric: (value type(s), shape, weighted, C suffix, argument text)."""
    for metric, values, shapes, (weight_arg, weight_suffix) in S.INPUTS:
        if metric != m:
            continue
        for weighted in (False, True):
            for value, suffix in values:
                for shape in shapes:
                    args = ', '.join(a for a in (value, shape, weight_arg if weighted else '') if a)
                    yield value, shape, weighted, suffix + (weight_suffix if weighted else ''), args


def dropped(which):
    return any(row[0] == which for row in S.DROPPED)


def build():
    """The current version's objects, per metric: [(metric, [objects])]"""
    sections = []
    for row in S.TYPES:
        ctx = metric_context(row)
        m, t, direct = ctx['m'], ctx['t'], ctx['direct']
        objs = []
        funcs = {}

        def add(f):
            objs.append(f)
            funcs.setdefault(f.name, f)

        objs.append(('shell', t))
        for name, args, result, symbol, role, comment in S.PER_TYPE_FUNCTIONS:
            if role == 'io':
                add(Function(fill(name, ctx), fill(args, ctx), fill(result, ctx), fill(symbol, ctx),
                             role, fill(comment, ctx), 'io'))
        objs.append(('type', t, row[4], row[5]))
        for name, args, result, symbol, role, comment in S.PER_TYPE_FUNCTIONS:
            if role == 'io' or (role == 'subtract' and dropped('summary_subtract')):
                continue
            add(Function(fill(name, ctx), fill(args, ctx), fill(result, ctx), fill(symbol, ctx),
                         role, fill(comment, ctx), 'summary'))
        for op, func, com, neg, hashes, rest, join, comment in S.OPERATORS:
            objs.append(('operator', t, op, fill(func, ctx), com, neg, hashes, rest, join, fill(comment, ctx)))
        for opc, method, op, func, comment, fcomment in S.OPCLASSES:
            objs.append(('opclass', t, fill(opc, ctx), method, op, fill(func, ctx), fill(comment, ctx),
                         fill(fcomment, ctx)))
        for metric, name, args, result, symbol, comment in S.ACCESSORS:
            if metric == m:
                add(Function(name, fill(args, ctx), result, symbol, 'accessor', comment, 'accessor'))
        for metric, se, interval, pv in S.STATISTICS:
            if metric != m:
                continue
            lvl = '{t}, level double precision = 0.95'
            add(Function('std_error', fill('{t}', ctx), 'double precision', t + '_std_error', 'accessor', se, 'stat'))
            add(Function('ci_lower', fill(lvl, ctx), 'double precision', t + '_ci_lower', 'accessor',
                         'lower end of the %s (default level 0.95)' % interval, 'stat'))
            add(Function('ci_upper', fill(lvl, ctx), 'double precision', t + '_ci_upper', 'accessor',
                         'upper end of the %s (default level 0.95)' % interval, 'stat'))
            add(Function('p_value', fill('{t}, {t}', ctx), 'double precision', t + '_p_value', 'accessor',
                         'two-sided p-value that two %s' % pv, 'stat'))
        for name, args, result, symbol, comment in S.SCALARS:
            if name.startswith(m + '_'):
                add(Function(name, args, result, symbol, 'scalar', comment, 'scalar'))

        # transition functions and aggregates of every input
        aggs_direct, aggs_summary = [], []
        comments = {}
        for metric, value, weighted, c_direct, c_summary in S.AGGREGATE_COMMENTS:
            if metric == m:
                comments[(value, weighted)] = (c_direct, c_summary)
        notes = {shape: note for metric, shape, note in S.SHAPE_NOTES if metric == m}
        for value, shape, weighted, suffix, args in inputs_of(m):
            types = arg_types(parse_args(args), qualified=False)
            score = parse_args(value)[0][1]
            c = dict(ctx, args=types, score=score, shape=notes.get(shape, ''))
            window = (m, weighted) in S.WINDOW_STATE
            cols = 1 if weighted else 0
            plain = ', '.join(t for _, t, _ in parse_args(args))
            trans = '%s_trans%s' % (m, suffix)
            inv = '%s_inv%s' % (m, suffix)
            add(Function(trans, '%s, %s' % (t, plain), t, trans, 'trans',
                         fill(S.SUPPORT_COMMENTS['trans'][0], c), 'trans'))
            if not (window and dropped('summary_inv')):
                add(Function(inv, '%s, %s' % (t, plain), t, inv, 'trans',
                             fill(S.SUPPORT_COMMENTS['inv'][0], c), 'inv'))
            if window:
                wtrans = '%s_window_trans%s' % (m, suffix)
                winv = '%s_window_inv%s' % (m, suffix)
                add(Function(wtrans, 'internal, ' + plain, 'internal', trans, 'window',
                             fill(S.SUPPORT_COMMENTS['window_trans'][cols], c), 'window'))
                add(Function(winv, 'internal, ' + plain, 'internal', inv, 'window',
                             fill(S.SUPPORT_COMMENTS['window_inv'][cols], c), 'window'))
                moving = [('MSFUNC', wtrans), ('MINVFUNC', winv), ('MSTYPE', 'internal')]
                mfinal = ('%s_window_final' % m, '%s_window_final' % t)
            else:
                moving = [('MSFUNC', trans), ('MINVFUNC', inv), ('MSTYPE', t)]
                mfinal = (m, '%s_final' % t)
            key = (score, weighted) if (score, weighted) in comments else ('*', weighted)
            c_direct, c_summary = comments[key]
            for target, name, final, mf, cm in ((aggs_direct, direct, m, mfinal[0], c_direct),
                                                (aggs_summary, t, '%s_final' % t, mfinal[1], c_summary)):
                target.append(Aggregate(name, args, [
                    ('SFUNC', trans), ('STYPE', t), ('FINALFUNC', final),
                    ('COMBINEFUNC', '%s_combine' % t)] + moving + [('MFINALFUNC', mf)], fill(cm, c)))
        # the roll-ups
        c_direct, c_summary = comments[('{t}', False)]
        for target, name, final, mf, cm in ((aggs_direct, direct, m, '%s_window_final' % m, c_direct),
                                            (aggs_summary, t, '%s_final' % t, '%s_window_final' % t, c_summary)):
            target.append(Aggregate(name, t, [
                ('SFUNC', '%s_combine' % t), ('STYPE', t), ('FINALFUNC', final),
                ('COMBINEFUNC', '%s_combine' % t), ('MSFUNC', '%s_window_combine' % m),
                ('MINVFUNC', '%s_window_subtract' % m), ('MSTYPE', 'internal'), ('MFINALFUNC', mf)],
                fill(cm, ctx)))
        objs += aggs_direct + aggs_summary
        sections.append((row, objs))
    return sections


def build_lifetimes():
    """The variable-length lifetime types, new in the current version: [(type, [objects])]"""
    sections = []
    for t, type_comment in S.LIFETIME_TYPES:
        ctx = {'t': t}
        objs = [('shell', t)]
        rows = [r for r in S.LIFETIME_FUNCTIONS if r[0] == t]
        for _, name, args, result, symbol, role, comment in rows:
            if role == 'io':
                objs.append(Function(fill(name, ctx), fill(args, ctx), fill(result, ctx),
                                     fill(symbol, ctx), role, fill(comment, ctx), 'io'))
        objs.append(('type', t, None, type_comment))
        groups = {'operator': 'summary', 'hash': 'summary', 'final': 'summary',
                  'accessor': 'accessor', 'trans': 'trans', 'window': 'window', 'typed': 'accessor'}
        moving = {(row[0], row[1]): row[2:] for row in S.LIFETIME_MOVING}
        for _, name, args, result, symbol, role, comment in rows:
            if role != 'io':
                objs.append(Function(fill(name, ctx), fill(args, ctx), fill(result, ctx),
                                     fill(symbol, ctx), role, fill(comment, ctx), groups[role]))
        for row in S.LIFETIME_OPERATORS:
            if row[0] == t:
                _, op, func, com, neg, hashes, rest, join, comment = row
                objs.append(('operator', t, op, fill(func, ctx), com, neg, hashes, rest, join,
                             fill(comment, ctx)))
        for row in S.LIFETIME_OPCLASSES:
            if row[0] == t:
                _, opc, method, op, func, comment, fcomment = row
                objs.append(('opclass', t, fill(opc, ctx), method, op, fill(func, ctx),
                             fill(comment, ctx), fill(fcomment, ctx)))
        for row in S.LIFETIME_AGGREGATES:
            if row[0] == t:
                _, name, args, trans, comment = row
                parts = [('SFUNC', fill(trans, ctx)), ('STYPE', t), ('FINALFUNC', t + '_final'),
                         ('COMBINEFUNC', t + '_combine')]
                if (t, trans) in moving:
                    msfunc, minvfunc, mfinalfunc = moving[(t, trans)]
                    parts += [('MSFUNC', fill(msfunc, ctx)), ('MINVFUNC', fill(minvfunc, ctx)),
                              ('MSTYPE', 'internal'), ('MFINALFUNC', fill(mfinalfunc, ctx))]
                objs.append(Aggregate(fill(name, ctx), fill(args, ctx), parts, fill(comment, ctx)))
        sections.append((t, objs))
    return sections


def dropped_functions():
    """The functions of the previous version that the current one drops."""
    out = []
    for row in S.TYPES:
        ctx = metric_context(row)
        m, t = ctx['m'], ctx['t']
        for which, what, reason in S.DROPPED:
            if which == 'summary_subtract':
                out.append(('%s.%s_subtract(%s.%s, %s.%s)' % (EXT, t, EXT, t, EXT, t), fill(reason, ctx)))
            elif which == 'summary_inv':
                for value, shape, weighted, suffix, args in inputs_of(m):
                    if (m, weighted) in S.WINDOW_STATE:
                        out.append(('%s.%s_inv%s(%s.%s, %s)' % (EXT, m, suffix, EXT, t,
                                                                arg_types(parse_args(args))),
                                    fill(reason, ctx)))
            else:
                raise SystemExit('unknown entry in DROPPED: %s' % which)
    return out


def obj_sql(obj):
    if isinstance(obj, (Function, Aggregate)):
        return obj.sql()
    kind = obj[0]
    if kind == 'shell':
        return 'CREATE TYPE %s.%s;' % (EXT, obj[1])
    if kind == 'type':
        _, t, length, comment = obj
        variable = length is None
        return '\n'.join([
            'CREATE TYPE %s.%s (' % (EXT, t),
            '\tINPUT = %s.%s_in,' % (EXT, t),
            '\tOUTPUT = %s.%s_out,' % (EXT, t),
            '\tRECEIVE = %s.%s_recv,' % (EXT, t),
            '\tSEND = %s.%s_send,' % (EXT, t),
            '\tINTERNALLENGTH = %s,' % ('VARIABLE' if variable else length),
            '\tALIGNMENT = double,',
            '\tSTORAGE = %s' % ('extended' if variable else 'plain'),
            ');',
            'COMMENT ON TYPE %s.%s IS %s;' % (EXT, t, literal(comment))])
    if kind == 'operator':
        _, t, op, func, com, neg, hashes, rest, join, comment = obj
        items = ['\tLEFTARG = %s.%s' % (EXT, t), '\tRIGHTARG = %s.%s' % (EXT, t),
                 '\tFUNCTION = %s.%s' % (EXT, func)]
        if com:
            items.append('\tCOMMUTATOR = OPERATOR(%s.%s)' % (EXT, com))
        if neg:
            items.append('\tNEGATOR = OPERATOR(%s.%s)' % (EXT, neg))
        if hashes:
            items.append('\tHASHES')
        if rest:
            items.append('\tRESTRICT = %s' % rest)
        if join:
            items.append('\tJOIN = %s' % join)
        return '\n'.join(['CREATE OPERATOR %s.%s (' % (EXT, op), ',\n'.join(items), ');',
                          'COMMENT ON OPERATOR %s.%s (%s.%s, %s.%s) IS %s;'
                          % (EXT, op, EXT, t, EXT, t, literal(comment))])
    if kind == 'opclass':
        _, t, opc, method, op, func, comment, fcomment = obj
        return '\n'.join([
            'CREATE OPERATOR CLASS %s.%s' % (EXT, opc),
            'DEFAULT FOR TYPE %s.%s USING %s AS' % (EXT, t, method),
            '\tOPERATOR 1 %s.%s (%s.%s, %s.%s),' % (EXT, op, EXT, t, EXT, t),
            '\tFUNCTION 1 %s.%s(%s.%s);' % (EXT, func, EXT, t),
            'COMMENT ON OPERATOR CLASS %s.%s USING %s IS %s;' % (EXT, opc, method, literal(comment)),
            'COMMENT ON OPERATOR FAMILY %s.%s USING %s IS %s;' % (EXT, opc, method, literal(fcomment))])
    raise SystemExit('unknown object %r' % (obj,))


RULE = '-' * 78

GROUP_TITLES = [
    ('io', 'the type and its input and output'),
    ('summary', 'combining, comparing, hashing and finishing summaries; the window state of the roll-ups'),
    ('accessor', 'accessors'), ('stat', 'statistics'), ('scalar', 'scalar helpers'),
    ('trans', 'transition and inverse transition functions, one per input'),
    ('window', 'moving-aggregate (window) state, internal, of the inputs that keep exact sums'),
    ('aggregate', 'aggregates: direct (double precision) and summary-building, and the roll-ups'),
]


def group_of(obj):
    if isinstance(obj, Function):
        return {'inv': 'trans'}.get(obj.group, obj.group)
    if isinstance(obj, Aggregate):
        return 'aggregate'
    return {'shell': 'io', 'type': 'io', 'operator': 'summary', 'opclass': 'summary'}[obj[0]]


def header(lines):
    return '\n'.join(lines) + '\n'


def install_script():
    cur = S.CURRENT_VERSION
    out = [header([
        '/* cx_metrics--%s.sql: customer-experience analytics, version %s */' % (cur, cur),
        '/* generated by sqlgen/generate.py from sqlgen/surface.py: edit those and run make sql */',
        '',
        '-- complain if script is sourced in psql, rather than via CREATE EXTENSION',
        '\\echo Use "CREATE EXTENSION cx_metrics" to load this file. \\quit',
        '',
        '/*',
        ' * Every object is created and referenced through @extschema@, so nothing',
        ' * here depends on the search_path of the user who installs it.  EXECUTE',
        ' * is revoked from PUBLIC on the aggregates\' support functions (see',
        ' * cx_metrics--%s--%s.sql and docs/internals.md).' % (S.PREVIOUS_VERSION, cur),
        ' */'])]
    for row, objs in build():
        out.append('%s\n-- %s_summary\n%s\n' % (RULE, row[0], RULE))
        for group, title in GROUP_TITLES:
            chunk = [o for o in objs if group_of(o) == group]
            if not chunk:
                continue
            out.append('-- %s\n' % title)
            for o in chunk:
                out.append(obj_sql(o) + '\n')
    for t, objs in build_lifetimes():
        out.append(lifetime_section(t, objs))
    return '\n'.join(out)


def lifetime_section(t, objs):
    """The SQL of a lifetime type's objects, by group."""
    out = ['%s\n-- %s\n%s\n' % (RULE, t, RULE)]
    for group, title in GROUP_TITLES:
        chunk = [o for o in objs if group_of(o) == group]
        if not chunk:
            continue
        out.append('-- %s\n' % title)
        for o in chunk:
            out.append(obj_sql(o) + '\n')
    return '\n'.join(out)


def previous_function_comments():
    """The function comments of the previous version's install script, by signature."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                        'cx_metrics--%s.sql' % S.PREVIOUS_VERSION)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    found = re.findall(r"COMMENT ON FUNCTION (\S+\(.*?\)) IS\s*'((?:[^']|'')*)';", text)
    return {sig: comment.replace("''", "'") for sig, comment in found}


def update_script():
    prev, cur = S.PREVIOUS_VERSION, S.CURRENT_VERSION
    out = [header([
        '/* cx_metrics--%s--%s.sql: update from version %s to %s */' % (prev, cur, prev, cur),
        '/* generated by sqlgen/generate.py from sqlgen/surface.py: edit those and run make sql */',
        '',
        '-- complain if script is sourced in psql, rather than via ALTER EXTENSION',
        '\\echo Use "ALTER EXTENSION cx_metrics UPDATE TO \'%s\'" to load this file. \\quit' % cur,
        '',
        '/*',
        ' * The aggregates\' support functions are not for calling: their transition,',
        ' * inverse transition, final and window-state functions assume the',
        ' * aggregate that calls them (a state built by its own transitions, a final',
        ' * function at the end, an inverse only for rows added before), so a direct',
        ' * call or a user-defined aggregate built on them could make summaries the',
        ' * summary input rejects.  Only the owner of the extension\'s objects (the',
        ' * bootstrap superuser, also for a trusted install) keeps EXECUTE on them;',
        ' * PostgreSQL checks an aggregate\'s support functions against the',
        ' * aggregate\'s owner, not against the user who runs it, so every aggregate,',
        ' * window form and parallel plan works for everyone as before.',
        ' *',
        ' * Still executable by PUBLIC: the combine functions (they are the +',
        ' * operators), the = and <> functions, the type I/O and hash functions and',
        ' * the accessors nps, csat, ces and churn (also final functions of the',
        ' * direct aggregates).',
        ' */'])]
    drops = dropped_functions()
    if drops:
        out.append(header([
            '/*',
            ' * Dropped: functions no aggregate, operator, type or operator class uses',
            ' * and that, called directly, only raise an error (their C symbols stay in',
            ' * the library for version %s\'s script).' % prev,
            ' */']))
        for sig, reason in drops:
            out.append('DROP FUNCTION %s;' % sig)
        out.append('')
    before = previous_function_comments()
    changed = [f for _row, objs in build() for f in objs
               if isinstance(f, Function) and f.signature() in before
               and before[f.signature()] != f.comment]
    if changed:
        out.append(header([
            '/*',
            ' * Comments that say what the functions now do.',
            ' */']))
        for f in changed:
            out.append('COMMENT ON FUNCTION %s IS %s;' % (f.signature(), literal(f.comment)))
        out.append('')
    for row, objs in build():
        fs = sorted((o for o in objs if isinstance(o, Function) and not o.public),
                    key=lambda f: (f.role != 'trans', f.name, f.signature()))
        out.append('-- %s_summary: support functions' % row[0])
        for f in fs:
            out.append('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC;' % f.signature())
        out.append('')
    lifetimes = build_lifetimes()
    if lifetimes:
        out.append(header([
            '/*',
            ' * New in %s: the customer lifetime types, created as the install script' % cur,
            ' * creates them (types with their shells, functions, operators, operator',
            ' * classes and aggregates, with their comments and grants).',
            ' */']))
        for t, objs in lifetimes:
            out.append(lifetime_section(t, objs))
    return '\n'.join(out)


def symbol_forms(f, metric):
    """The C symbols the naming rule allows for SQL function f of a metric.

    The rule (docs/internals.md): a function's C body has the function's SQL
    name; a function of a summary type T is T_name, where rating_summary
    stands for the three rating types when one body serves them all; a name
    that starts with its type (nps_summary_out) may have that type replaced
    by rating_summary in the same way; a window-state function
    metric_window_name has the body of metric_name (or T_name); and an
    overload for another argument type or shape adds _int2, _numeric or
    _from.
    """
    t = metric + '_summary'
    shared = 'rating_summary' if metric != 'churn' else t
    forms = {f.name, t + '_' + f.name, shared + '_' + f.name}
    if f.name.startswith(t + '_'):
        forms.add(shared + '_' + f.name[len(t) + 1:])
    if f.name.startswith(metric + '_window_'):
        rest = f.name[len(metric) + len('_window_'):]
        forms |= {metric + '_' + rest, t + '_' + rest, shared + '_' + rest}
    return forms | {form + suffix for form in forms for suffix in ('_int2', '_numeric', '_from')}


def check_symbol_rule():
    """Every C symbol follows the naming rule, or is a listed exception."""
    broken = []
    for row, objs in build():
        for f in objs:
            if not isinstance(f, Function):
                continue
            if f.symbol in symbol_forms(f, row[0]):
                continue
            if (f.name, f.symbol) in S.SYMBOL_EXCEPTIONS:
                continue
            broken.append('%s -> %s' % (f.signature(), f.symbol))
    for t, objs in build_lifetimes():
        for f in objs:
            # the rule for a type of its own kernel: the SQL name, or T_name;
            # a window-state function T_window_name may have the body of T_name
            if not isinstance(f, Function):
                continue
            forms = {f.name, t + '_' + f.name}
            if f.name.startswith(t + '_window_'):
                forms.add(t + '_' + f.name[len(t) + len('_window_'):])
            if f.symbol not in forms:
                broken.append('%s -> %s' % (f.signature(), f.symbol))
    if broken:
        raise SystemExit('C symbols that break the naming rule (docs/internals.md):\n  '
                         + '\n  '.join(sorted(set(broken))))


def main():
    check_symbol_rule()
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    cur, prev = S.CURRENT_VERSION, S.PREVIOUS_VERSION
    files = {
        'cx_metrics--%s.sql' % cur: install_script(),
        'cx_metrics--%s--%s.sql' % (prev, cur): update_script(),
    }
    for name, text in files.items():
        path = os.path.join(outdir, name)
        with open(path + '.tmp', 'w') as f:
            f.write(text.rstrip('\n') + '\n')
        os.replace(path + '.tmp', path)


if __name__ == '__main__':
    main()
