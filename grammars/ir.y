/*
 * The grammar of atgc's test IR text (docs/ir.md).
 *
 * One construct a line: newlines are tokens (NL), everything else on a line
 * is free-form.  Schemas are a base followed by constraints; values are
 * JSON.  Keywords are reserved tokens, but wherever a name is expected any
 * keyword is a name too (a property called `min`, a header called `type`).
 *
 * No conflicts are accepted (%expect 0): when a rule needs a decision, change
 * the language (as `sample` for parameter and media examples, distinct from
 * a schema's `example`), not the count.
 */
%define api.pure full
%define api.prefix {ir}
%define api.token.prefix {IRT_}
%define parse.error detailed
%locations
%define api.location.type {IrLoc}
%expect 0
%param {IrCtx *cx}

%code requires {
#include "ir/read.h"
}

%code {
#include <stdlib.h>
#include <string.h>

static void
irerror(IrLoc *l, IrCtx *cx, const char *msg)
{
	rderror(cx, *l, "%s", msg);
}

static Con *
con(int kw)
{
	Con *c = alloc(sizeof *c);

	c->kw = kw;
	return c;
}

static Step *
step(IrCtx *cx, int op, IrLoc l)
{
	Step s = {0};

	s.op = op;
	s.loc = rdloc(cx, l); /* steps carry no spec position: point into the IR text */
	vpush(&cx->c->steps, s);
	return &cx->c->steps.v[cx->c->steps.n - 1];
}
}

%union {
	const char *str;
	struct { const char *s; size_t n; } lstr; /* a decoded string; may hold NUL */
	int num;
	Schema *sch;
	Val *val;
	Con *con;
	Loc loc;
	Prop prop;
	void *vec;
	Op *op;
	SecScheme *sec;
	Step *step;
}

%token NL "end of line"
%token <lstr> STRING "string"
%token <str> IDENT "name" NUMBER "number" CODE "status range" GLOBAL "$name" LOCAL "%name"
%token <loc> LOC "@line:col"
%token K_SOURCE "source" K_TITLE "title" K_VERSION "version" K_SERVER "server" K_SCHEME "scheme"
%token K_ENV "env" K_SECURITY "security" K_NONE "none" K_TYPE "type" K_OP "op" K_HTTP "http"
%token K_GRAPHQL "graphql" K_GRPC "grpc" K_OPID "opid" K_TAG "tag" K_DEPRECATED "deprecated" K_EFFECT "effect"
%token K_STREAM "stream"
%token K_DEVIATION "deviation" K_UNDO "undo" K_ALTERS "alters" K_UNSURE "unsure"
%token K_PARAM "param" K_BODY "body" K_RESP "resp" K_CASE "case" K_PRIO "prio" K_FOR "for"
%token K_EXPECT "expect" K_STATUS "status" K_CTYPE "ctype" K_SCHEMA "schema" K_NOERRORS "noerrors"
%token K_REQ "req" K_RES "res" K_BUILD "build" K_SET "set" K_SEND "send" K_ACCEPT "accept"
%token K_HEADERS "headers" K_LINKNEXT "linknext" K_DISCOVERY "discovery" K_COUNT "count" K_DIFFER "differ"
%token K_FIELD "field" K_LINK "link" K_VAL "val" K_GET "get" K_LOCATION "location" K_CLEANUP "cleanup"
%token K_AUTH "auth" K_STYLE "style" K_EXPLODE "explode" K_NOEXPLODE "noexplode" K_SAMPLE "sample"
%token K_PATH "path" K_QUERY "query" K_HEADER "header" K_COOKIE "cookie"
%token K_MUTATION "mutation" K_SUBSCRIPTION "subscription"
%token K_INT "int" K_I32 "i32" K_I64 "i64" K_NUM "num" K_F32 "f32" K_F64 "f64" K_STR "str"
%token K_BOOL "bool" K_NULL "null" K_ARR "arr" K_OBJ "obj" K_ANY "any"
%token K_NULLABLE "nullable" K_FORMAT "format" K_ENUM "enum" K_CONST "const" K_MIN "min"
%token K_XMIN "xmin" K_MAX "max" K_XMAX "xmax" K_MULTIPLEOF "multipleof" K_MINLEN "minlen"
%token K_MAXLEN "maxlen" K_PATTERN "pattern" K_MINITEMS "minitems" K_MAXITEMS "maxitems"
%token K_HINT "hint"
%token K_UNIQUE "unique" K_MINPROPS "minprops" K_MAXPROPS "maxprops" K_ADDL "addl" K_PROPS "props"
%token K_ITEMS "items" K_ALLOF "allof" K_ONEOF "oneof" K_ANYOF "anyof" K_NOT "not" K_DISC "disc"
%token K_RO "ro" K_WO "wo" K_DEFAULT "default" K_EXAMPLE "example" K_TRUE "true" K_FALSE "false"
%token K_REQUESTERROR "requesterror" K_BOUNDED "bounded" K_AMPLIFY "amplify" K_PAGES "pages" K_DENIED "denied"
%token K_VIOLATES "violates" K_NO5XX "no5xx" K_INFERRED "inferred" K_TOKEN "token" K_SCOPES "scopes" K_LINKS "links"
%token K_GRANT "grant" K_REFRESH "refresh" K_UNSUPPORTED "unsupported" K_OWN "own"
%token K_PATPROPS "patprops" K_PREFIX "prefix" K_CONTAINS "contains" K_MINCONTAINS "mincontains"
%token K_MAXCONTAINS "maxcontains" K_PROPNAMES "propnames" K_DEPREQ "depreq" K_DEPSCHEMAS "depschemas"
%token K_IF "if" K_THEN "then" K_ELSE "else" K_UNEVALPROPS "unevalprops" K_UNEVALITEMS "unevalitems"

%type <str> name keyword string code mediatype gqlop optviolates opttitle optdeviation optalters optunsure optinferred
%type <str> opttoken optscopes
%type <str> optdiscovery optheaders optgrant optrefresh optunsupported
%type <num> typeword paramin optq where optlinks ownflags
%type <sch> schema base types object
%type <con> cons con
%type <val> value values members
%type <loc> optloc
%type <vec> fields schemalist discmap codes
%type <prop> field

%start file

%%

file: %empty | file line ;

line: NL
    | K_SOURCE string NL               { cx->m->specname = $2; cx->spec = rdspecloc(cx, $2, 0, 0).src; }
    | K_TITLE string NL                { cx->m->title = $2; }
    | K_VERSION string NL              { cx->m->version = $2; }
    | K_SERVER string optloc NL        { Server sv = {$3, $2}; vpush(&cx->m->servers, sv); }
    | K_SCHEME name IDENT K_ENV string opttoken optscopes optdiscovery optgrant optrefresh optunsupported optloc NL {
		rdscheme(cx, $2, $3, 0, NULL, rdenvname(cx, $5, @5), $12, @1);
		if (cx->m->secschemes.n) {
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->tokenurl = $6;
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->scopes = $7;
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->discovery = $8;
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->grant = $9;
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->refreshurl = $10;
			cx->m->secschemes.v[cx->m->secschemes.n - 1]->unsupported = $11;
		}
	}
    | K_SCHEME name IDENT paramin string K_ENV string optloc NL {
		rdscheme(cx, $2, $3, $4, $5, rdenvname(cx, $7, @7), $8, @1);
	}
    | K_SECURITY { vpush(&cx->m->security, (SecReq){0}); } secnames NL
    | K_TYPE ':' name '=' schema optloc NL { rdtype(cx, $3, $5, $6, @3); }
    | K_OP GLOBAL { cx->op = rdop(cx, $2, @2); }
      opkind opattrs optloc '{' NL { cx->op->loc = $6; }
      opitems '}' NL { rdopend(cx); }
    | K_CASE GLOBAL name K_PRIO NUMBER K_FOR GLOBAL optviolates opttitle optdeviation optalters optunsure optloc
      '{' NL {
		cx->c = rdcase(cx, $2, $3, $5, $7, $13, @2);
		cx->c->violates = $8;
		cx->c->title = $9;
		cx->c->deviation = $10;
		cx->c->alters = $11;
		cx->c->unsure = $12;
	} steps '}' NL { cx->c = NULL; }
    ;

optloc: %empty { $$ = (Loc){0}; } | LOC { $$ = $1; } ;

optviolates: %empty { $$ = NULL; } | K_VIOLATES string { $$ = $2; } ;
opttitle: %empty { $$ = NULL; } | K_TITLE string { $$ = $2; } ;
optdeviation: %empty { $$ = NULL; } | K_DEVIATION string { $$ = $2; } ;
optalters: %empty { $$ = NULL; } | K_ALTERS string { $$ = $2; } ;
optunsure: %empty { $$ = NULL; } | K_UNSURE string { $$ = $2; } ;
optlinks: %empty { $$ = 0; } | K_LINKS NUMBER { $$ = atoi($2); } ;
optheaders: %empty { $$ = NULL; } | K_HEADERS string { $$ = $2; } ;
opttoken: %empty { $$ = NULL; } | K_TOKEN string { $$ = $2; } ;
optscopes: %empty { $$ = NULL; } | K_SCOPES string { $$ = $2; } ;
optdiscovery: %empty { $$ = NULL; } | K_DISCOVERY string { $$ = $2; } ;
optgrant: %empty { $$ = NULL; } | K_GRANT string { $$ = $2; } ;
optrefresh: %empty { $$ = NULL; } | K_REFRESH string { $$ = $2; } ;
optunsupported: %empty { $$ = NULL; } | K_UNSUPPORTED string { $$ = $2; } ;
optinferred: %empty { $$ = NULL; } | K_INFERRED string { $$ = $2; } ;

string: STRING { $$ = $1.s; } ;

/* security lines: alternatives; the names on one line are required together */
secnames: K_NONE | secnamelist ;
secnamelist: name               {
		SecReqs *v = cx->op ? &cx->op->security : &cx->m->security;
		vpush(&v->v[v->n - 1].schemes, rdschemeref(cx, $1, @1));
	}
           | secnamelist name   {
		SecReqs *v = cx->op ? &cx->op->security : &cx->m->security;
		vpush(&v->v[v->n - 1].schemes, rdschemeref(cx, $2, @2));
	}
           ;

paramin: K_PATH { $$ = PPATH; } | K_QUERY { $$ = PQUERY; } | K_HEADER { $$ = PHEADER; } | K_COOKIE { $$ = PCOOKIE; } ;

/* ---- operations */

opkind: K_HTTP IDENT string          { cx->op->call = CHTTP; cx->op->method = rdmethod(cx, $2, @2); cx->op->path = $3; }
      | K_GRAPHQL gqlop string string {
		cx->op->call = CGRAPHQL;
		cx->op->method = MPOST;
		cx->op->gqlop = $2;
		cx->op->target = $3;
		cx->op->path = $4;
	}
      | K_GRPC string                {
		cx->op->call = CGRPC;
		cx->op->method = MPOST;
		cx->op->target = $2;
		cx->op->path = sfmt("/%s", $2);
	}
      ;

gqlop: K_QUERY { $$ = "query"; } | K_MUTATION { $$ = "mutation"; } | K_SUBSCRIPTION { $$ = "subscription"; } ;

opattrs: %empty
       | opattrs K_OPID string    { cx->op->opid = $3; }
       | opattrs K_TAG string     { cx->op->tag = $3; }
       | opattrs K_SERVER string  { cx->op->server = $3; }
       | opattrs K_DEPRECATED     { cx->op->deprecated = 1; }
       | opattrs K_UNDO string    { cx->op->undo = $3; }
       | opattrs K_DEPRECATED string { cx->op->deprecated = 1; cx->op->deprecation = $3; }
       | opattrs K_EFFECT IDENT   {
		if (!strcmp($3, "safe"))
			cx->op->effect = OPSAFE;
		else if (!strcmp($3, "idempotent"))
			cx->op->effect = OPIDEMPOTENT;
		else
			rderror(cx, @3, "an operation's declared effect is safe or idempotent, not '%s'", $3);
	}
       | opattrs K_STREAM K_SERVER {
		if (cx->op->call != CGRPC)
			rderror(cx, @2, "only a gRPC operation streams");
		else
			cx->op->grpcstream = 1;
	}
       | opattrs K_STREAM IDENT   {
		if (cx->op->call != CGRPC)
			rderror(cx, @2, "only a gRPC operation streams");
		else if (!strcmp($3, "client"))
			cx->op->grpccstream = 1;
		else if (!strcmp($3, "bidi"))
			cx->op->grpcstream = cx->op->grpccstream = 1;
		else
			rderror(cx, @3, "a gRPC operation's stream is 'server', 'client' or 'bidi', not '%s'", $3);
	}
       ;

opitems: %empty | opitems opitem ;

opitem: NL
      | K_PARAM {
		Param p = {0};
		p.explode = -1;
		vpush(&cx->op->params, p);
		cx->param = &cx->op->params.v[cx->op->params.n - 1];
		cx->sample = &cx->param->example;
	} paramin name optq schema pstyle optsample optloc NL {
		Param *p = cx->param;
		p->in = $3; p->name = $4; p->required = !$5 || $3 == PPATH; p->schema = $6; p->loc = $9;
		if (p->explode < 0)
			p->explode = defaultexplode(p);
		cx->param = NULL;
	}
      | K_BODY optq mediatype {
		Media md = {0};
		md.type = $3;
		vpush(&cx->op->body, md);
		cx->op->bodyrequired = !$2;
		cx->sample = &cx->op->body.v[cx->op->body.n - 1].example;
		cx->mschema = &cx->op->body.v[cx->op->body.n - 1].schema;
	} optschema optsample optloc NL { cx->op->body.v[cx->op->body.n - 1].loc = $7; }
      | K_LINK code name GLOBAL value optloc NL { rdlink(cx, $2, $3, $4, $5, $6, @1); }
      | K_RESP code optheaders optlinks optloc NL {
		Resp r = {.loc = $5, .code = $2, .headers = $3, .nlinks = $4};
		vpush(&cx->op->resps, r);
	}
      | K_RESP code mediatype {
		Resp *last = cx->op->resps.n ? &cx->op->resps.v[cx->op->resps.n - 1] : NULL;
		Media md = {0};
		if (!last || strcmp(last->code, $2) || !last->media.n) {
			Resp r = {.code = $2};
			vpush(&cx->op->resps, r);
			last = &cx->op->resps.v[cx->op->resps.n - 1];
		}
		md.type = $3;
		vpush(&last->media, md);
		cx->sample = &last->media.v[last->media.n - 1].example;
		cx->mschema = &last->media.v[last->media.n - 1].schema;
	}
        optschema optsample optheaders optlinks optloc NL {
		Resp *r = &cx->op->resps.v[cx->op->resps.n - 1];
		Media *md = &r->media.v[r->media.n - 1];
		md->loc = $9;
		if ($7)
			r->headers = $7;
		if ($8)
			r->nlinks = $8;
		if (r->media.n == 1)
			r->loc = $9;
	}
      | K_SECURITY { cx->op->secexplicit = 1; vpush(&cx->op->security, (SecReq){0}); } secnames NL
      ;

optq: %empty { $$ = 0; } | '?' { $$ = 1; } ;

mediatype: STRING { $$ = $1.s; } ;

/* a parameter's style and explode (printed only when not the style's default) */
pstyle: optstyle optexplode ;
optstyle: %empty | K_STYLE string { cx->param->style = $2; } ;
optexplode: %empty | K_EXPLODE { cx->param->explode = 1; } | K_NOEXPLODE { cx->param->explode = 0; } ;

/* the example of the parameter or media type being read */
optsample: %empty | K_SAMPLE value { *cx->sample = $2; } ;

optschema: %empty | schema { *cx->mschema = $1; } ;

code: NUMBER { $$ = rdcode(cx, $1, @1); } | CODE { $$ = rdcode(cx, $1, @1); } | K_DEFAULT { $$ = "default"; } ;

/* ---- cases */

steps: %empty | steps stepline ;

stepline: NL
        | LOCAL '=' K_REQ K_BUILD GLOBAL NL   {
		Step *s = step(cx, I_build, @1);
		s->dst = $1;
		s->target = rdopref(cx, $5, @5);
	}
        | LOCAL '=' K_REQ K_SET LOCAL ',' where '.' name ',' value optinferred NL {
		Step *s = step(cx, I_set, @1); s->dst = $1; s->arg = $5; s->where = $7; s->name = $9; s->val = $11;
		s->inferred = $12;
	}
        | LOCAL '=' K_REQ K_SET LOCAL ',' K_ACCEPT ',' string NL {
		Step *s = step(cx, I_set, @1); s->dst = $1; s->arg = $5; s->where = WACCEPT; s->name = $9;
	}
        | LOCAL '=' K_REQ K_SET LOCAL ',' K_AUTH '.' name NL {
		Step *s = step(cx, I_set, @1); s->dst = $1; s->arg = $5; s->where = WAUTH; s->name = $9;
		s->scheme = rdschemeref(cx, $9, @9);
	}
        | LOCAL '=' K_RES K_SEND LOCAL NL      { Step *s = step(cx, I_send, @1); s->dst = $1; s->arg = $5; }
        | K_EXPECT K_STATUS LOCAL codes NL     { Step *s = step(cx, I_status, @1); s->arg = $3; rdcodes(s, $4); }
        | K_EXPECT K_CTYPE LOCAL ',' code ',' string NL {
		Step *s = step(cx, I_ctype, @1);
		s->arg = $3;
		s->respcode = $5;
		s->ctype = $7;
	}
        | K_EXPECT K_SCHEMA LOCAL ',' code ',' schema NL {
		Step *s = step(cx, I_schema, @1);
		s->arg = $3;
		s->respcode = $5;
		s->schema = $7;
	}
        | K_EXPECT K_NOERRORS LOCAL NL         { Step *s = step(cx, I_noerrors, @1); s->arg = $3; }
        | K_EXPECT K_REQUESTERROR LOCAL NL     { Step *s = step(cx, I_requesterror, @1); s->arg = $3; }
        | K_EXPECT K_NO5XX LOCAL NL            { Step *s = step(cx, I_no5xx, @1); s->arg = $3; }
        | K_EXPECT K_NO5XX LOCAL ',' LOCAL NL  { Step *s = step(cx, I_no5xx, @1); s->arg = $3; s->other = $5; }
        | K_EXPECT K_BOUNDED LOCAL ',' LOCAL NL { Step *s = step(cx, I_bounded, @1); s->arg = $3; s->other = $5; }
        | K_EXPECT K_DENIED LOCAL ',' LOCAL NL { Step *s = step(cx, I_denied, @1); s->arg = $3; s->other = $5; }
        | LOCAL '=' K_VAL K_GET LOCAL ',' K_BODY string NL {
		Step *s = step(cx, I_get, @1);
		s->dst = $1;
		s->arg = $5;
		s->ptr = rdptr(cx, $8, @8);
	}
        | LOCAL '=' K_VAL K_GET LOCAL ',' K_LOCATION NL    { Step *s = step(cx, I_get, @1); s->dst = $1; s->arg = $5; }
        | K_EXPECT K_FIELD LOCAL ',' string ',' value NL {
		Step *s = step(cx, I_field, @1);
		s->arg = $3;
		s->ptr = rdptr(cx, $5, @5);
		s->val = $7;
	}
        | K_EXPECT K_COUNT LOCAL ',' string ',' NUMBER NL {
		Step *s = step(cx, I_count, @1);
		s->arg = $3;
		s->ptr = rdptr(cx, $5, @5);
		s->count = rdcount(cx, $7, @7);
	}
        | K_EXPECT K_DIFFER LOCAL ',' LOCAL ',' string NL {
		Step *s = step(cx, I_differ, @1);
		s->arg = $3;
		s->other = $5;
		s->ptr = rdptr(cx, $7, @7);
	}
        | K_EXPECT K_LINKNEXT LOCAL ',' string ',' NUMBER NL {
		Step *s = step(cx, I_linknext, @1);
		s->arg = $3;
		s->ptr = rdptr(cx, $5, @5);
		s->count = rdcount(cx, $7, @7);
	}
        | K_EXPECT K_PAGES LOCAL ',' string ',' NUMBER NL {
		Step *s = step(cx, I_pages, @1);
		s->arg = $3;
		s->ptr = rdptr(cx, $5, @5);
		s->count = rdcount(cx, $7, @7);
	}
        | K_CLEANUP LOCAL NL                   { Step *s = step(cx, I_cleanup, @1); s->arg = $2; }
        ;

where: K_PATH { $$ = WPATH; } | K_QUERY { $$ = WQUERY; } | K_HEADER { $$ = WHEADER; } | K_COOKIE { $$ = WCOOKIE; }
      | K_BODY { $$ = WBODY; } | K_AMPLIFY { $$ = WAMPLIFY; } ;

codes: ',' code         { $$ = rdcodelist(NULL, $2); }
     | codes ',' code   { $$ = rdcodelist($1, $3); }
     ;

/* ---- schemas */

schema: base cons   { $$ = rdapply(cx, $1, $2, @1); }
      | con cons    { $1->next = $2; $$ = rdapply(cx, schemanew(rdloc(cx, @1)), $1, @1); }
      ;

base: types                { $$ = $1; }
    | K_ANY                { $$ = schemanew(rdloc(cx, @1)); }
    | ':' name             { $$ = rdtyperef(cx, $2, @2); }
    | object               { $$ = $1; $$->types = TOBJ; }
    | '[' schema ']'       { $$ = schemanew(rdloc(cx, @1)); $$->types = TARR; $$->items = $2; }
    ;

types: typeword            { $$ = rdbase(cx, $1); }
     | types '|' typeword  {
		Schema *t = rdbase(cx, $3);
		$$ = $1;
		$$->types |= t->types;
		if (!$$->format) $$->format = t->format;
	}
     ;

typeword: K_INT { $$ = IRT_K_INT; } | K_I32 { $$ = IRT_K_I32; } | K_I64 { $$ = IRT_K_I64; } | K_NUM { $$ = IRT_K_NUM; }
        | K_F32 {
		$$ = IRT_K_F32; } | K_F64 { $$ = IRT_K_F64; } | K_STR { $$ = IRT_K_STR; } | K_BOOL { $$ = IRT_K_BOOL;
	}
        | K_NULL { $$ = IRT_K_NULL; } | K_ARR { $$ = IRT_K_ARR; } | K_OBJ { $$ = IRT_K_OBJ; }
        ;

object: '{' '}'            { $$ = schemanew(rdloc(cx, @1)); }
      | '{' fields '}'     { $$ = schemanew(rdloc(cx, @1)); rdprops($$, $2); }
      ;

fields: field              { $$ = rdproplist(NULL, $1); }
      | fields ',' field   { $$ = rdproplist($1, $3); }
      ;

field: name optq schema    { $$ = (Prop){$1, $3, !$2, rdloc(cx, @1), 0}; }
     | name '!'            { $$ = (Prop){$1, schemanew(rdloc(cx, @1)), 1, rdloc(cx, @1), 1}; }
     ;

cons: %empty { $$ = NULL; } | con cons { $1->next = $2; $$ = $1; } ;

con: K_NULLABLE                 { $$ = con(IRT_K_NULLABLE); }
   | K_FORMAT string            { $$ = con(IRT_K_FORMAT); $$->str = $2; }
   | K_ENUM '[' values ']'      { $$ = con(IRT_K_ENUM); $$->val = $3; }
   | K_HINT '[' values ']'      { $$ = con(IRT_K_HINT); $$->val = $3; }
   | K_CONST value              { $$ = con(IRT_K_CONST); $$->val = $2; }
   | K_MIN NUMBER               { $$ = con(IRT_K_MIN); $$->num = $2; }
   | K_XMIN NUMBER              { $$ = con(IRT_K_XMIN); $$->num = $2; }
   | K_MAX NUMBER               { $$ = con(IRT_K_MAX); $$->num = $2; }
   | K_XMAX NUMBER              { $$ = con(IRT_K_XMAX); $$->num = $2; }
   | K_MULTIPLEOF NUMBER        { $$ = con(IRT_K_MULTIPLEOF); $$->num = $2; }
   | K_MINLEN NUMBER            { $$ = con(IRT_K_MINLEN); $$->num = $2; }
   | K_MAXLEN NUMBER            { $$ = con(IRT_K_MAXLEN); $$->num = $2; }
   | K_PATTERN string           { $$ = con(IRT_K_PATTERN); $$->str = $2; }
   | K_MINITEMS NUMBER          { $$ = con(IRT_K_MINITEMS); $$->num = $2; }
   | K_MAXITEMS NUMBER          { $$ = con(IRT_K_MAXITEMS); $$->num = $2; }
   | K_UNIQUE                   { $$ = con(IRT_K_UNIQUE); }
   | K_MINPROPS NUMBER          { $$ = con(IRT_K_MINPROPS); $$->num = $2; }
   | K_MAXPROPS NUMBER          { $$ = con(IRT_K_MAXPROPS); $$->num = $2; }
   | K_ADDL K_FALSE             { $$ = con(IRT_K_ADDL); }
   | K_ADDL '(' schema ')'      { $$ = con(IRT_K_ADDL); $$->sch = $3; }
   | K_PROPS object             { $$ = con(IRT_K_PROPS); $$->sch = $2; }
   | K_ITEMS '(' schema ')'     { $$ = con(IRT_K_ITEMS); $$->sch = $3; }
   | K_ALLOF '(' schemalist ')' { $$ = con(IRT_K_ALLOF); rdconlist($$, $3); }
   | K_ONEOF '(' schemalist ')' { $$ = con(IRT_K_ONEOF); rdconlist($$, $3); }
   | K_ANYOF '(' schemalist ')' { $$ = con(IRT_K_ANYOF); rdconlist($$, $3); }
   | K_NOT '(' schema ')'       { $$ = con(IRT_K_NOT); $$->sch = $3; }
   | K_PREFIX '(' schemalist ')' { $$ = con(IRT_K_PREFIX); rdconlist($$, $3); }
   | K_CONTAINS '(' schema ')'  { $$ = con(IRT_K_CONTAINS); $$->sch = $3; }
   | K_MINCONTAINS NUMBER       { $$ = con(IRT_K_MINCONTAINS); $$->num = $2; }
   | K_MAXCONTAINS NUMBER       { $$ = con(IRT_K_MAXCONTAINS); $$->num = $2; }
   | K_PROPNAMES '(' schema ')' { $$ = con(IRT_K_PROPNAMES); $$->sch = $3; }
   | K_PATPROPS object          { $$ = con(IRT_K_PATPROPS); $$->sch = $2; }
   | K_DEPSCHEMAS object        { $$ = con(IRT_K_DEPSCHEMAS); $$->sch = $2; }
   | K_DEPREQ value             { $$ = con(IRT_K_DEPREQ); $$->val = $2; }
   | K_IF '(' schema ')'        { $$ = con(IRT_K_IF); $$->sch = $3; }
   | K_THEN '(' schema ')'      { $$ = con(IRT_K_THEN); $$->sch = $3; }
   | K_ELSE '(' schema ')'      { $$ = con(IRT_K_ELSE); $$->sch = $3; }
   | K_UNEVALPROPS '(' schema ')' { $$ = con(IRT_K_UNEVALPROPS); $$->sch = $3; }
   | K_UNEVALITEMS '(' schema ')' { $$ = con(IRT_K_UNEVALITEMS); $$->sch = $3; }
   | K_DISC string '{' '}'      { $$ = con(IRT_K_DISC); $$->str = $2; }
   | K_DISC string '{' discmap '}' { $$ = con(IRT_K_DISC); $$->str = $2; rdconlist($$, $4); }
   | K_RO                       { $$ = con(IRT_K_RO); }
   | K_WO                       { $$ = con(IRT_K_WO); }
   | K_DEPRECATED               { $$ = con(IRT_K_DEPRECATED); }
   | K_DEFAULT value            { $$ = con(IRT_K_DEFAULT); $$->val = $2; }
   | K_EXAMPLE value            { $$ = con(IRT_K_EXAMPLE); $$->val = $2; }
   ;

schemalist: schema                 { $$ = rdschemalist(NULL, $1); }
          | schemalist ',' schema  { $$ = rdschemalist($1, $3); }
          ;

discmap: string ':' ':' name              { $$ = rddisc(cx, NULL, $1, $4, @4); }
       | discmap ',' string ':' ':' name  { $$ = rddisc(cx, $1, $3, $6, @6); }
       ;

/* ---- JSON values */

value: STRING              { $$ = vstrn($1.s, $1.n); }
     | NUMBER              { $$ = vnum($1); }
     | K_TRUE              { $$ = vbool(1); }
     | K_FALSE             { $$ = vbool(0); }
     | K_NULL              { $$ = vnull(); }
     | '[' ']'             { $$ = varr(); }
     | '[' values ']'      { $$ = $2; }
     | '{' '}'             { $$ = vobj(); }
     | '{' members '}'     { $$ = $2; }
     | K_ENV '(' STRING ')' { $$ = venv(rdenvname(cx, $3.s, @3)); }
     | K_OWN '(' STRING ownflags ')' { $$ = vown(rdownlabel(cx, $3.s, @3), $4); }
     | LOCAL               { $$ = vvar($1); }
     ;

/* own("key", bytes, end): the flags of a key the case owns, each once */
ownflags: %empty             { $$ = 0; }
        | ownflags ',' name  { $$ = $1 | rdownflag(cx, $1, $3, @3); }
        ;

values: value              { $$ = varr(); varrpush($$, $1); }
      | values ',' value   { $$ = $1; varrpush($$, $3); }
      ;

members: STRING ':' value              { $$ = vobj(); vobjset($$, $1.s, $3); }
       | members ',' STRING ':' value  { $$ = $1; vobjset($$, $3.s, $5); }
       ;

/* ---- names: identifiers, strings, and any keyword */

name: IDENT | STRING { $$ = $1.s; } | keyword ;

keyword: K_SOURCE { $$ = "source"; } | K_TITLE { $$ = "title"; } | K_VERSION { $$ = "version"; }
       | K_SERVER { $$ = "server"; } | K_SCHEME { $$ = "scheme"; } | K_ENV { $$ = "env"; }
       | K_SECURITY { $$ = "security"; } | K_TYPE { $$ = "type"; }
       | K_OP { $$ = "op"; } | K_HTTP { $$ = "http"; } | K_GRAPHQL { $$ = "graphql"; } | K_GRPC { $$ = "grpc"; }
       | K_OPID { $$ = "opid"; } | K_TAG { $$ = "tag"; } | K_DEPRECATED { $$ = "deprecated"; }
       | K_EFFECT { $$ = "effect"; } | K_STREAM { $$ = "stream"; } | K_DEVIATION { $$ = "deviation"; }
       | K_UNDO { $$ = "undo"; } | K_ALTERS { $$ = "alters"; } | K_UNSURE { $$ = "unsure"; }
       | K_PARAM { $$ = "param"; } | K_BODY { $$ = "body"; } | K_RESP { $$ = "resp"; } | K_CASE { $$ = "case"; }
       | K_PRIO { $$ = "prio"; } | K_FOR { $$ = "for"; } | K_EXPECT { $$ = "expect"; } | K_STATUS { $$ = "status"; }
       | K_CTYPE { $$ = "ctype"; } | K_SCHEMA { $$ = "schema"; } | K_NOERRORS { $$ = "noerrors"; }
       | K_HEADERS { $$ = "headers"; } | K_LINKNEXT { $$ = "linknext"; } | K_DISCOVERY { $$ = "discovery"; }
       | K_COUNT { $$ = "count"; } | K_DIFFER { $$ = "differ"; } | K_FIELD { $$ = "field"; } | K_LINK { $$ = "link"; }
       | K_VAL { $$ = "val"; } | K_GET { $$ = "get"; } | K_LOCATION { $$ = "location"; } | K_CLEANUP { $$ = "cleanup"; }
       | K_REQ { $$ = "req"; } | K_RES { $$ = "res"; } | K_BUILD { $$ = "build"; } | K_SET { $$ = "set"; }
       | K_SEND { $$ = "send"; } | K_ACCEPT { $$ = "accept"; } | K_AUTH { $$ = "auth"; } | K_STYLE { $$ = "style"; }
       | K_EXPLODE { $$ = "explode"; } | K_NOEXPLODE { $$ = "noexplode"; } | K_SAMPLE { $$ = "sample"; }
       | K_PATH { $$ = "path"; } | K_QUERY { $$ = "query"; } | K_HEADER { $$ = "header"; } | K_COOKIE { $$ = "cookie"; }
       | K_MUTATION { $$ = "mutation"; } | K_SUBSCRIPTION { $$ = "subscription"; }
       | K_INT { $$ = "int"; } | K_I32 { $$ = "i32"; } | K_I64 { $$ = "i64"; } | K_NUM { $$ = "num"; }
       | K_F32 { $$ = "f32"; } | K_F64 { $$ = "f64"; } | K_STR { $$ = "str"; } | K_BOOL { $$ = "bool"; }
       | K_NULL { $$ = "null"; } | K_ARR { $$ = "arr"; } | K_OBJ { $$ = "obj"; } | K_ANY { $$ = "any"; }
       | K_NULLABLE { $$ = "nullable"; } | K_FORMAT { $$ = "format"; } | K_ENUM { $$ = "enum"; }
       | K_HINT { $$ = "hint"; }
       | K_CONST { $$ = "const"; } | K_MIN { $$ = "min"; } | K_XMIN { $$ = "xmin"; } | K_MAX { $$ = "max"; }
       | K_XMAX { $$ = "xmax"; } | K_MULTIPLEOF { $$ = "multipleof"; } | K_MINLEN { $$ = "minlen"; }
       | K_MAXLEN { $$ = "maxlen"; } | K_PATTERN { $$ = "pattern"; } | K_MINITEMS { $$ = "minitems"; }
       | K_MAXITEMS { $$ = "maxitems"; } | K_UNIQUE { $$ = "unique"; } | K_MINPROPS { $$ = "minprops"; }
       | K_MAXPROPS { $$ = "maxprops"; } | K_ADDL { $$ = "addl"; } | K_PROPS { $$ = "props"; }
       | K_ITEMS { $$ = "items"; } | K_ALLOF { $$ = "allof"; } | K_ONEOF { $$ = "oneof"; } | K_ANYOF { $$ = "anyof"; }
       | K_NOT { $$ = "not"; } | K_DISC { $$ = "disc"; } | K_RO { $$ = "ro"; } | K_WO { $$ = "wo"; }
       | K_DEFAULT {
		$$ = "default"; } | K_EXAMPLE { $$ = "example"; } | K_TRUE { $$ = "true"; } | K_FALSE { $$ = "false";
	}
       | K_REQUESTERROR { $$ = "requesterror"; } | K_BOUNDED { $$ = "bounded"; } | K_AMPLIFY { $$ = "amplify"; }
       | K_PAGES { $$ = "pages"; }
       | K_DENIED { $$ = "denied"; }
       | K_VIOLATES { $$ = "violates"; } | K_NO5XX { $$ = "no5xx"; } | K_INFERRED { $$ = "inferred"; }
       | K_TOKEN { $$ = "token"; } | K_SCOPES { $$ = "scopes"; } | K_LINKS { $$ = "links"; }
       | K_GRANT { $$ = "grant"; } | K_REFRESH { $$ = "refresh"; } | K_UNSUPPORTED { $$ = "unsupported"; }
       | K_OWN { $$ = "own"; }
       | K_PATPROPS { $$ = "patprops"; } | K_PREFIX { $$ = "prefix"; } | K_CONTAINS { $$ = "contains"; }
       | K_MINCONTAINS { $$ = "mincontains"; } | K_MAXCONTAINS { $$ = "maxcontains"; }
       | K_PROPNAMES { $$ = "propnames"; } | K_DEPREQ { $$ = "depreq"; } | K_DEPSCHEMAS { $$ = "depschemas"; }
       | K_IF { $$ = "if"; } | K_THEN { $$ = "then"; } | K_ELSE { $$ = "else"; }
       | K_UNEVALPROPS { $$ = "unevalprops"; } | K_UNEVALITEMS { $$ = "unevalitems"; }
       ;

%%
