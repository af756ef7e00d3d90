/*
 * The grammar of GraphQL's type system language (GraphQL specification,
 * October 2021, section 3 and appendix B): schema, scalar, object,
 * interface, union, enum, input object and directive definitions, with
 * descriptions, and `extend` of each.  Executable definitions (queries,
 * fragments) are not part of it.
 *
 * Keywords are tokens, and every keyword is a name wherever a name is
 * expected; `true`, `false` and `null` are not enum values.  No conflicts
 * are accepted (%expect 0).  The actions collect what each definition says
 * into a GPart; frontend/graphql.c turns it into the schema model.
 */
%define api.pure full
%define api.prefix {gql}
%define api.token.prefix {GQLT_}
%define parse.error detailed
%locations
%define api.location.type {GqlLoc}
%expect 0
%param {GqlCtx *cx}

%code requires {
#include "frontend/graphql.h"
typedef Vec(void *) GPtrs;
}

%code {
#include <stdlib.h>
#include <string.h>

/* Bison's message, with the text of the unexpected token when it has one:
 * "syntax error, unexpected name 'Int', expecting ':'" */
static void
gqlerror(GqlLoc *l, GqlCtx *cx, const char *msg)
{
	size_t n = (size_t)(cx->cur - cx->tok);
	const char *comma;

	if (!strncmp(msg, "syntax error, unexpected ", 25) && n && n <= 40 && cx->tok[0] != '"' &&
	    !memchr(cx->tok, '\n', n)) {
		comma = strchr(msg + 25, ',');
		if (!comma)
			comma = msg + strlen(msg);
		gqlerr(cx, *l, "%.*s '%.*s'%s", (int)(comma - msg), msg, (int)n, cx->tok, comma);
	} else
		gqlerr(cx, *l, "%s", msg);
}

static GPtrs *
list(GPtrs *l, void *x)
{
	if (!l)
		l = alloc(sizeof *l);
	if (x)
		vpush(l, x);
	return l;
}

/* Copy a list into a model vector of pointers (same layout). */
#define SETVEC(dst, l) \
	do { \
		GPtrs *l_ = (l); \
		if (l_) { \
			(dst).v = (void *)l_->v; \
			(dst).n = l_->n; \
			(dst).cap = l_->cap; \
		} \
	} while (0)

static GPart *
part(GqlCtx *cx, int kind, int extend, const char *name, GqlLoc l, const char *desc, GPtrs *dirs)
{
	GPart *p = alloc(sizeof *p);

	p->kind = kind;
	p->extend = extend;
	p->name = name;
	p->loc = gqlloc(cx, l);
	p->desc = desc;
	SETVEC(p->dirs, dirs);
	return p;
}

static GType *
tnew(GqlCtx *cx, int kind, GqlLoc l, const char *name, GType *of)
{
	GType *t = alloc(sizeof *t);

	t->kind = kind;
	t->loc = gqlloc(cx, l);
	t->name = name;
	t->of = of;
	return t;
}

static GVal *
vnew(GqlCtx *cx, int kind, GqlLoc l, const char *s)
{
	GVal *v = alloc(sizeof *v);

	v->kind = kind;
	v->loc = gqlloc(cx, l);
	v->s = s;
	return v;
}

static GVal *
vadd(GVal *v, const char *key, Loc kl, GVal *x)
{
	if (!v->n || (v->n >= 4 && !(v->n & (v->n - 1)))) {
		int cap = v->n ? v->n * 2 : 4;
		GVal **items = alloc((size_t)cap * sizeof *items);
		const char **keys = alloc((size_t)cap * sizeof *keys);
		Loc *kls = alloc((size_t)cap * sizeof *kls);
		if (v->n) {
			memcpy(items, v->items, (size_t)v->n * sizeof *items);
			if (v->keys) {
				memcpy(keys, v->keys, (size_t)v->n * sizeof *keys);
				memcpy(kls, v->keylocs, (size_t)v->n * sizeof *kls);
			}
		}
		v->items = items;
		if (v->kind == GVOBJ) {
			v->keys = keys;
			v->keylocs = kls;
		}
	}
	if (v->kind == GVOBJ) {
		v->keys[v->n] = key;
		v->keylocs[v->n] = kl;
	}
	v->items[v->n++] = x;
	return v;
}
}

%union {
	const char *str;
	struct { const char *s; size_t n; } lstr;
	GType *type;
	GVal *val;
	GDir *dir;
	GInput *input;
	GField *field;
	GEnumVal *ev;
	GPart *part;
	GDirDef *dd;
	GPtrs *list;
	int num;
}

%token <lstr> STRING "string"
%token <str> NAME "name" INT "integer" FLOAT "float"
%token <str> K_SCHEMA "schema" K_SCALAR "scalar" K_TYPE "type" K_INTERFACE "interface"
%token <str> K_UNION "union" K_ENUM "enum" K_INPUT "input" K_DIRECTIVE "directive"
%token <str> K_EXTEND "extend" K_IMPLEMENTS "implements" K_REPEATABLE "repeatable" K_ON "on"
%token <str> K_TRUE "true" K_FALSE "false" K_NULL "null"
%token ELLIPSIS "..."
%token VALUESTART "start of a value" /* gqlvalue(): the input is one value */

%type <str> name enumname desc
%type <type> type namedtype
%type <val> value list object listitems objfields
%type <dir> directive
%type <list> directives dirsopt implements ifacesopt fields fieldsopt argsopt argvals members membersopt
%type <list> values valuesopt inputs inputsopt locations optypes
%type <input> input
%type <field> field
%type <ev> enumvalue
%type <part> definition extension
%type <dd> dirdef
%type <num> repeatable

%%

start
	: document
	| VALUESTART value { cx->value = $2; }
	;

document
	: item
	| document item
	;

item
	: definition { gqldefine(cx, $1); }
	| extension { gqldefine(cx, $1); }
	| dirdef { gqldirdef(cx, $1); }
	;

desc
	: %empty { $$ = NULL; }
	| STRING {
		if (memchr($1.s, 0, $1.n)) { /* kept as a C string */
			gqlerr(cx, @1, "a description cannot hold U+0000");
			YYERROR;
		}
		$$ = $1.s;
	}
	;

/* ---- definitions */

definition
	: desc K_SCHEMA dirsopt '{' optypes '}' {
		$$ = part(cx, -1, 0, NULL, @2, $1, $3);
		$$->hasops = 1;
		SETVEC($$->opkinds, $5);
	}
	| desc K_SCALAR name dirsopt { $$ = part(cx, GKSCALAR, 0, $3, @3, $1, $4); }
	| desc K_TYPE name ifacesopt dirsopt fieldsopt {
		$$ = part(cx, GKOBJECT, 0, $3, @3, $1, $5);
		$$->hasifaces = $4 != NULL;
		SETVEC($$->ifaces, $4);
		$$->hasfields = $6 != NULL;
		SETVEC($$->fields, $6);
	}
	| desc K_INTERFACE name ifacesopt dirsopt fieldsopt {
		$$ = part(cx, GKINTERFACE, 0, $3, @3, $1, $5);
		$$->hasifaces = $4 != NULL;
		SETVEC($$->ifaces, $4);
		$$->hasfields = $6 != NULL;
		SETVEC($$->fields, $6);
	}
	| desc K_UNION name dirsopt membersopt {
		$$ = part(cx, GKUNION, 0, $3, @3, $1, $4);
		$$->hasmembers = $5 != NULL;
		SETVEC($$->members, $5);
	}
	| desc K_ENUM name dirsopt valuesopt {
		$$ = part(cx, GKENUM, 0, $3, @3, $1, $4);
		$$->hasvalues = $5 != NULL;
		SETVEC($$->values, $5);
	}
	| desc K_INPUT name dirsopt inputsopt {
		$$ = part(cx, GKINPUT, 0, $3, @3, $1, $4);
		$$->hasinputs = $5 != NULL;
		SETVEC($$->inputs, $5);
	}
	;

extension
	: K_EXTEND K_SCHEMA dirsopt {
		$$ = part(cx, -1, 1, NULL, @2, NULL, $3);
	}
	| K_EXTEND K_SCHEMA dirsopt '{' optypes '}' {
		$$ = part(cx, -1, 1, NULL, @2, NULL, $3);
		$$->hasops = 1;
		SETVEC($$->opkinds, $5);
	}
	| K_EXTEND K_SCALAR name dirsopt { $$ = part(cx, GKSCALAR, 1, $3, @3, NULL, $4); }
	| K_EXTEND K_TYPE name ifacesopt dirsopt fieldsopt {
		$$ = part(cx, GKOBJECT, 1, $3, @3, NULL, $5);
		$$->hasifaces = $4 != NULL;
		SETVEC($$->ifaces, $4);
		$$->hasfields = $6 != NULL;
		SETVEC($$->fields, $6);
	}
	| K_EXTEND K_INTERFACE name ifacesopt dirsopt fieldsopt {
		$$ = part(cx, GKINTERFACE, 1, $3, @3, NULL, $5);
		$$->hasifaces = $4 != NULL;
		SETVEC($$->ifaces, $4);
		$$->hasfields = $6 != NULL;
		SETVEC($$->fields, $6);
	}
	| K_EXTEND K_UNION name dirsopt membersopt {
		$$ = part(cx, GKUNION, 1, $3, @3, NULL, $4);
		$$->hasmembers = $5 != NULL;
		SETVEC($$->members, $5);
	}
	| K_EXTEND K_ENUM name dirsopt valuesopt {
		$$ = part(cx, GKENUM, 1, $3, @3, NULL, $4);
		$$->hasvalues = $5 != NULL;
		SETVEC($$->values, $5);
	}
	| K_EXTEND K_INPUT name dirsopt inputsopt {
		$$ = part(cx, GKINPUT, 1, $3, @3, NULL, $4);
		$$->hasinputs = $5 != NULL;
		SETVEC($$->inputs, $5);
	}
	;

/* query: Query — the operation kind is checked by the action */
optypes
	: name ':' namedtype {
		$$ = list(list(NULL, (void *)$1), $3);
		$3->loc = gqlloc(cx, @1); /* the pair is located at its operation kind */
	}
	| optypes name ':' namedtype { $$ = list(list($1, (void *)$2), $4); $4->loc = gqlloc(cx, @2); }
	;

dirdef
	: desc K_DIRECTIVE '@' name argsopt repeatable K_ON locations {
		$$ = alloc(sizeof *$$);
		$$->name = $4;
		$$->loc = gqlloc(cx, @4);
		$$->desc = $1;
		SETVEC($$->args, $5);
		$$->repeatable = $6;
		{
			int i;
			for (i = 0; i < $8->n; i += 2) {
				vpush(&$$->locs, (const char *)$8->v[i]);
				vpush(&$$->loclocs, *(Loc *)$8->v[i + 1]);
			}
		}
	}
	;

repeatable
	: %empty { $$ = 0; }
	| K_REPEATABLE { $$ = 1; }
	;

locations
	: '|' name { Loc *l = alloc(sizeof *l); *l = gqlloc(cx, @2); $$ = list(list(NULL, (void *)$2), l); }
	| name { Loc *l = alloc(sizeof *l); *l = gqlloc(cx, @1); $$ = list(list(NULL, (void *)$1), l); }
	| locations '|' name { Loc *l = alloc(sizeof *l); *l = gqlloc(cx, @3); $$ = list(list($1, (void *)$3), l); }
	;

/* ---- parts of definitions */

ifacesopt
	: %empty { $$ = NULL; }
	| implements
	;

implements
	: K_IMPLEMENTS namedtype { $$ = list(NULL, $2); }
	| K_IMPLEMENTS '&' namedtype { $$ = list(NULL, $3); }
	| implements '&' namedtype { $$ = list($1, $3); }
	;

fieldsopt
	: %empty { $$ = NULL; }
	| '{' fields '}' { $$ = $2; }
	;

fields
	: field { $$ = list(NULL, $1); }
	| fields field { $$ = list($1, $2); }
	;

field
	: desc name argsopt ':' type dirsopt {
		$$ = alloc(sizeof *$$);
		$$->desc = $1;
		$$->name = $2;
		$$->loc = gqlloc(cx, @2);
		SETVEC($$->args, $3);
		$$->type = $5;
		SETVEC($$->dirs, $6);
	}
	;

argsopt
	: %empty { $$ = NULL; }
	| '(' inputs ')' { $$ = $2; }
	;

inputsopt
	: %empty { $$ = NULL; }
	| '{' inputs '}' { $$ = $2; }
	;

inputs
	: input { $$ = list(NULL, $1); }
	| inputs input { $$ = list($1, $2); }
	;

input
	: desc name ':' type dirsopt {
		$$ = alloc(sizeof *$$);
		$$->desc = $1;
		$$->name = $2;
		$$->loc = gqlloc(cx, @2);
		$$->type = $4;
		SETVEC($$->dirs, $5);
	}
	| desc name ':' type '=' value dirsopt {
		$$ = alloc(sizeof *$$);
		$$->desc = $1;
		$$->name = $2;
		$$->loc = gqlloc(cx, @2);
		$$->type = $4;
		$$->dflt = $6;
		SETVEC($$->dirs, $7);
	}
	;

membersopt
	: %empty { $$ = NULL; }
	| '=' members { $$ = $2; }
	| '=' '|' members { $$ = $3; }
	;

members
	: namedtype { $$ = list(NULL, $1); }
	| members '|' namedtype { $$ = list($1, $3); }
	;

valuesopt
	: %empty { $$ = NULL; }
	| '{' values '}' { $$ = $2; }
	;

values
	: enumvalue { $$ = list(NULL, $1); }
	| values enumvalue { $$ = list($1, $2); }
	;

enumvalue
	: desc enumname dirsopt {
		$$ = alloc(sizeof *$$);
		$$->desc = $1;
		$$->name = $2;
		$$->loc = gqlloc(cx, @2);
		SETVEC($$->dirs, $3);
	}
	| desc K_TRUE dirsopt { gqlerr(cx, @2, "'true' cannot be an enum value"); YYERROR; }
	| desc K_FALSE dirsopt { gqlerr(cx, @2, "'false' cannot be an enum value"); YYERROR; }
	| desc K_NULL dirsopt { gqlerr(cx, @2, "'null' cannot be an enum value"); YYERROR; }
	;

/* ---- directives applied */

dirsopt
	: %empty { $$ = NULL; }
	| directives
	;

directives
	: directive { $$ = list(NULL, $1); }
	| directives directive { $$ = list($1, $2); }
	;

directive
	: '@' name {
		$$ = alloc(sizeof *$$);
		$$->name = $2;
		$$->loc = gqlloc(cx, @1);
	}
	| '@' name '(' argvals ')' {
		int i;
		$$ = alloc(sizeof *$$);
		$$->name = $2;
		$$->loc = gqlloc(cx, @1);
		for (i = 0; i < $4->n; i++)
			vpush(&$$->args, *(GArgVal *)$4->v[i]);
	}
	;

argvals
	: name ':' value {
		GArgVal *a = alloc(sizeof *a);
		a->name = $1;
		a->loc = gqlloc(cx, @1);
		a->val = $3;
		$$ = list(NULL, a);
	}
	| argvals name ':' value {
		GArgVal *a = alloc(sizeof *a);
		a->name = $2;
		a->loc = gqlloc(cx, @2);
		a->val = $4;
		$$ = list($1, a);
	}
	;

/* ---- types and values */

type
	: namedtype
	| namedtype '!' { $$ = tnew(cx, GTNONNULL, @$, NULL, $1); }
	| '[' type ']' { $$ = tnew(cx, GTLIST, @$, NULL, $2); }
	| '[' type ']' '!' { $$ = tnew(cx, GTNONNULL, @$, NULL, tnew(cx, GTLIST, @$, NULL, $2)); }
	;

namedtype
	: name { $$ = tnew(cx, GTNAMED, @1, $1, NULL); }
	;

/* const values: no variables */
value
	: INT { $$ = vnew(cx, GVINT, @1, $1); }
	| FLOAT { $$ = vnew(cx, GVFLOAT, @1, $1); }
	| STRING { $$ = vnew(cx, GVSTR, @1, $1.s); $$->len = $1.n; }
	| K_TRUE { $$ = vnew(cx, GVBOOL, @1, "true"); }
	| K_FALSE { $$ = vnew(cx, GVBOOL, @1, "false"); }
	| K_NULL { $$ = vnew(cx, GVNULL, @1, NULL); }
	| enumname { $$ = vnew(cx, GVENUM, @1, $1); }
	| list
	| object
	;

list
	: '[' ']' { $$ = vnew(cx, GVLIST, @1, NULL); }
	| '[' listitems ']' { $$ = $2; }
	;

listitems
	: value { $$ = vadd(vnew(cx, GVLIST, @$, NULL), NULL, (Loc){0}, $1); }
	| listitems value { $$ = vadd($1, NULL, (Loc){0}, $2); }
	;

object
	: '{' '}' { $$ = vnew(cx, GVOBJ, @1, NULL); }
	| '{' objfields '}' { $$ = $2; }
	;

objfields
	: name ':' value { $$ = vadd(vnew(cx, GVOBJ, @$, NULL), $1, gqlloc(cx, @1), $3); }
	| objfields name ':' value { $$ = vadd($1, $2, gqlloc(cx, @2), $4); }
	;

/* every keyword is a name; enum values are names but true, false and null */
enumname
	: NAME | K_SCHEMA | K_SCALAR | K_TYPE | K_INTERFACE | K_UNION | K_ENUM | K_INPUT
	| K_DIRECTIVE | K_EXTEND | K_IMPLEMENTS | K_REPEATABLE | K_ON
	;

name
	: enumname
	| K_TRUE
	| K_FALSE
	| K_NULL
	;

%%
