/*
 * YAML → document tree, through libyaml's event API.
 *
 * libyaml resolves no types, so scalars are resolved here by the YAML 1.2
 * core schema (`yes`/`no`/`on`/`off` stay strings; quoted scalars are always
 * strings).  libyaml 0.2.5 also has no nesting limit, accepts duplicate keys
 * and goes quadratic on many anchors, so this reader enforces the limits in
 * `limits` and reports duplicate keys itself.  The tree is built with an
 * explicit stack: no recursion, whatever the input.
 *
 * Requires: a Src.  Guarantees: a tree whose every node has a Loc, aliases
 * shared (never copied), total expanded size within limits.maxnodes; or NULL
 * after at least one located error.
 */
#include <string.h>
#include <yaml.h>

#include "ir/ir.h"

typedef struct Frame Frame;
struct Frame {
	Node *n;
	Vec(Node *) kids;
	const char *anchor;
};

static Loc
markloc(Src *src, yaml_mark_t m)
{
	return (Loc){src, (int)m.line + 1, (int)m.column + 1};
}

static Loc
offloc(Src *src, size_t off)
{
	Loc l = {src, 1, 1};
	size_t i;

	for (i = 0; i < off && i < src->len; i++) {
		if (src->text[i] == '\n') {
			l.line++;
			l.col = 1;
		} else
			l.col++;
	}
	return l;
}

static int
isnull(const char *s)
{
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int
isbool(const char *s)
{
	static const char *t[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (!strcmp(s, t[i]))
			return 1;
	return 0;
}

static int
digits(const char **p, const char *set)
{
	const char *s = *p;

	while (**p && strchr(set, **p))
		(*p)++;
	return *p > s;
}

/* YAML 1.2 core schema: int is [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
static int
isint(const char *s)
{
	if (s[0] == '0' && s[1] == 'o')
		return s += 2, digits(&s, "01234567") && !*s;
	if (s[0] == '0' && s[1] == 'x')
		return s += 2, digits(&s, "0123456789abcdefABCDEF") && !*s;
	if (*s == '-' || *s == '+')
		s++;
	return digits(&s, "0123456789") && !*s;
}

/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.nan|\.NaN|\.NAN */
static int
isfloat(const char *s)
{
	const char *p = s;

	if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
		return 1;
	if (*p == '-' || *p == '+')
		p++;
	if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
		return 1;
	if (*p == '.') {
		p++;
		if (!digits(&p, "0123456789"))
			return 0;
	} else {
		if (!digits(&p, "0123456789"))
			return 0;
		if (*p == '.') {
			p++;
			digits(&p, "0123456789");
		}
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!digits(&p, "0123456789"))
			return 0;
	}
	return !*p;
}

static int
resolve(yaml_event_t *e)
{
	const char *s = (const char *)e->data.scalar.value;
	const char *tag = (const char *)e->data.scalar.tag;

	if (tag) {
		if (!strcmp(tag, YAML_STR_TAG))
			return SSTR;
		if (!strcmp(tag, YAML_NULL_TAG))
			return SNULL;
		if (!strcmp(tag, YAML_BOOL_TAG) && isbool(s))
			return SBOOL;
		if (!strcmp(tag, YAML_INT_TAG) && isint(s))
			return SINT;
		if (!strcmp(tag, YAML_FLOAT_TAG) && (isfloat(s) || isint(s)))
			return SFLOAT;
		return SSTR;
	}
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return SSTR;
	if (strlen(s) != e->data.scalar.length)
		return SSTR;
	if (isnull(s))
		return SNULL;
	if (isbool(s))
		return SBOOL;
	if (isint(s))
		return SINT;
	if (isfloat(s))
		return SFLOAT;
	return SSTR;
}

/* Report keys that appear twice in one mapping; YAML forbids it and silently
 * keeping either value would test against a spec nobody wrote. */
static void
dupkeys(Node *m)
{
	Map seen = {0};
	int i;

	for (i = 0; i < m->n; i++) {
		Node *k = nkey(m, i);
		Node *prev;
		if (k->kind != NSCALAR || strlen(k->s) != k->len)
			continue;
		if (m->n <= 8) {
			int j;
			for (j = 0; j < i; j++)
				if (nkey(m, j)->kind == NSCALAR && nkey(m, j)->len == k->len &&
				    !memcmp(nkey(m, j)->s, k->s, k->len))
					break;
			prev = j < i ? nkey(m, j) : NULL;
		} else {
			prev = mapget(&seen, k->s);
			if (!prev)
				mapput(&seen, k->s, k);
		}
		if (prev) {
			error(k->loc, "duplicate key '%s' in mapping", k->s);
			note(prev->loc, "first defined here");
		}
	}
}

Node *
yamlparse(Src *src)
{
	yaml_parser_t p;
	yaml_event_t e;
	Vec(Frame) stack = {0};
	Map anchors = {0};
	Node *root = NULL, *n;
	size_t total = 0;
	int ndocs = 0, done = 0, ok = 1, nerr = diag.nerr;

	if (!yaml_parser_initialize(&p))
		die("cannot initialise libyaml");
	yaml_parser_set_input_string(&p, (const unsigned char *)src->text, src->len);
	while (!done) {
		if (!yaml_parser_parse(&p, &e)) {
			Loc l = markloc(src, p.problem_mark);
			if (p.error == YAML_READER_ERROR) /* marks are not set: locate the byte offset */
				l = offloc(src, p.problem_offset);
			if (p.context)
				error(l, "%s %s", p.context, p.problem ? p.problem : "syntax error");
			else
				error(l, "%s", p.problem ? p.problem : "YAML syntax error");
			ok = 0;
			break;
		}
		n = NULL;
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++ndocs > 1) {
				error(markloc(src, e.start_mark),
				      "more than one YAML document; a spec is one document");
				ok = 0;
				done = 1;
			}
			break;
		case YAML_SCALAR_EVENT:
			n = alloc(sizeof *n);
			n->kind = NSCALAR;
			n->loc = markloc(src, e.start_mark);
			n->s = sndup((const char *)e.data.scalar.value, e.data.scalar.length);
			n->len = e.data.scalar.length;
			n->skind = resolve(&e);
			n->size = 1;
			if (e.data.scalar.anchor) {
				if (anchors.n >= limits.maxanchors) {
					error(n->loc, "more than %d anchors", limits.maxanchors);
					ok = 0;
					done = 1;
				}
				mapput(&anchors, sdup((const char *)e.data.scalar.anchor), n);
			}
			break;
		case YAML_ALIAS_EVENT: {
			const char *a = (const char *)e.data.alias.anchor;
			n = mapget(&anchors, a);
			if (!n) {
				int i;
				for (i = 0; i < stack.n; i++)
					if (stack.v[i].anchor && !strcmp(stack.v[i].anchor, a))
						break;
				if (i < stack.n)
					error(markloc(src, e.start_mark),
					      "alias '*%s' refers to its own enclosing node", a);
				else
					error(markloc(src, e.start_mark),
					      "alias '*%s' refers to no anchor defined before it", a);
				ok = 0;
				done = 1;
				break;
			}
			total += n->size;
			if (total > limits.maxnodes) {
				error(markloc(src, e.start_mark), "alias expansion exceeds %zu nodes (an alias bomb?)",
				      limits.maxnodes);
				ok = 0;
				done = 1;
				n = NULL;
			}
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			Frame f = {0};
			const yaml_char_t *anchor = e.type == YAML_SEQUENCE_START_EVENT ? e.data.sequence_start.anchor
			                                                                : e.data.mapping_start.anchor;
			if (stack.n >= limits.maxdepth) {
				error(markloc(src, e.start_mark), "nesting deeper than %d levels", limits.maxdepth);
				ok = 0;
				done = 1;
				break;
			}
			f.n = alloc(sizeof *f.n);
			f.n->kind = e.type == YAML_SEQUENCE_START_EVENT ? NSEQ : NMAP;
			f.n->loc = markloc(src, e.start_mark);
			if (anchor) {
				if (anchors.n >= limits.maxanchors) {
					error(f.n->loc, "more than %d anchors", limits.maxanchors);
					ok = 0;
					done = 1;
					break;
				}
				f.anchor = sdup((const char *)anchor);
			}
			vpush(&stack, f);
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			Frame *f = &stack.v[--stack.n];
			int i;
			n = f->n;
			n->kids = f->kids.v;
			n->size = 1;
			for (i = 0; i < f->kids.n; i++)
				n->size += f->kids.v[i]->size;
			if (n->kind == NMAP) {
				n->n = f->kids.n / 2;
				for (i = 0; i < n->n; i++)
					if (nkey(n, i)->kind != NSCALAR) {
						error(nkey(n, i)->loc, "mapping key is %s; keys must be scalars",
						      nkindname(nkey(n, i)));
						ok = 0;
					}
				dupkeys(n);
			} else
				n->n = f->kids.n;
			if (f->anchor)
				mapput(&anchors, f->anchor, n);
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&e);
		if (n) {
			total++;
			if (total > limits.maxnodes) {
				error(n->loc, "document exceeds %zu nodes", limits.maxnodes);
				ok = 0;
				done = 1;
			} else if (stack.n)
				vpush(&stack.v[stack.n - 1].kids, n);
			else
				root = n;
		}
	}
	yaml_parser_delete(&p);
	if (!ok || diag.nerr > nerr)
		return NULL;
	if (!root) {
		error((Loc){src, 1, 1}, "empty document");
		return NULL;
	}
	return root;
}
