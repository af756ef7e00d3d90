/*
 * The grammar of .proto files: proto2, proto3 and editions (protobuf
 * language specification): syntax/edition, package, imports, options of
 * every kind (custom ones in parentheses; aggregate values in the text
 * format), messages with fields, groups, map fields, oneofs, nested types,
 * reserved and extension ranges, enums, extend blocks, services and their
 * methods (streaming either way).
 *
 * Keywords are tokens; a name where one is defined or a field is named may
 * be any keyword, but a type reference begins with a plain identifier (or a
 * dot), and an enum value is not called `option` or `reserved`: that keeps
 * the grammar LALR(1) with no conflicts (%expect 0).  The actions build the
 * model through frontend/proto.c.
 */
%define api.pure full
%define api.prefix {proto}
%define api.token.prefix {PT_}
%define parse.error detailed
%locations
%define api.location.type {ProtoLoc}
%expect 0
%param {ProtoCtx *cx}

%code requires {
#include "frontend/proto.h"
}

%code {
#include <stdlib.h>
#include <string.h>

static void
protoerror(ProtoLoc *l, ProtoCtx *cx, const char *msg)
{
	size_t n = (size_t)(cx->cur - cx->tok);
	const char *what, *comma;

	if (strncmp(msg, "syntax error, unexpected ", 25)) {
		protoerr(cx, *l, "%s", msg);
		return;
	}
	what = msg + 25;
	comma = strchr(what, ',');
	if (!comma)
		comma = what + strlen(what);
	/* the token's text, unless its name already is that text ('}', "repeated") */
	if (n && n <= 40 && cx->tok[0] != '"' && cx->tok[0] != '\'' && !memchr(cx->tok, '\n', n) && *what != '\''
	    && *what != '"' && !((size_t)(comma - what) == n && !memcmp(what, cx->tok, n)))
		protoerr(cx, *l, "%.*s '%.*s'%s", (int)(comma - msg), msg, (int)n, cx->tok, comma);
	else
		protoerr(cx, *l, "%s", msg);
}

/* a string as the text format writes it */
static const char *
quoted(const char *s, size_t n)
{
	Buf b = {0};
	const char *r;

	jsonquote(&b, s, n);
	r = sdup(bstr(&b));
	bfree(&b);
	return r;
}

static POpt *
oval(const char *text, const char *str)
{
	POpt *o = alloc(sizeof *o);

	o->val = text;
	o->str = str;
	return o;
}

static POpts *
olist(POpts *l, POpt *o)
{
	if (!l)
		l = alloc(sizeof *l);
	vpush(l, *o);
	return l;
}
}

%union {
	const char *str;
	struct { const char *s; size_t n; } lstr;
	POpt *opt;
	POpts *opts;
	int num;
}

%token <str> IDENT INT FLOAT
%token <lstr> STRING
%token K_SYNTAX "syntax" K_EDITION "edition" K_IMPORT "import" K_WEAK "weak" K_PUBLIC "public"
%token K_PACKAGE "package" K_OPTION "option" K_MESSAGE "message" K_ENUM "enum" K_SERVICE "service"
%token K_RPC "rpc" K_RETURNS "returns" K_STREAM "stream" K_REPEATED "repeated" K_OPTIONAL "optional"
%token K_REQUIRED "required" K_ONEOF "oneof" K_MAP "map" K_RESERVED "reserved" K_EXTENSIONS "extensions"
%token K_EXTEND "extend" K_TO "to" K_MAX "max" K_GROUP "group"

%type <str> name ename typeref fullident optname optpart optnum tscalar tvalue tmsg tfields tfield tfname
%type <str> tlist tlistne telem rangeend sint
%type <lstr> strs
%type <opt> option optval fopt
%type <opts> fopts foptlist
%type <num> label stream

%%

file: %empty
    | file topstmt { cx->stmts++; }
    ;

topstmt: K_SYNTAX '=' strs ';'          { psyntax(cx, $3.s, @3, 0); }
       | K_EDITION '=' strs ';'         { psyntax(cx, $3.s, @3, 1); }
       | K_PACKAGE fullident ';'        { ppackage(cx, $2, @2); }
       | K_IMPORT strs ';'              { pimport(cx, $2.s, @2, 0); }
       | K_IMPORT K_PUBLIC strs ';'     { pimport(cx, $3.s, @3, 'p'); }
       | K_IMPORT K_WEAK strs ';'       { pimport(cx, $3.s, @3, 'w'); }
       | option ';'                     { paddopt(cx, &cx->f->opts, $1); }
       | message
       | enum
       | service
       | extend
       | ';'
       ;

name: IDENT | K_SYNTAX { $$ = "syntax"; } | K_EDITION { $$ = "edition"; } | K_IMPORT { $$ = "import"; }
    | K_WEAK { $$ = "weak"; } | K_PUBLIC { $$ = "public"; } | K_PACKAGE { $$ = "package"; }
    | K_OPTION { $$ = "option"; } | K_MESSAGE { $$ = "message"; } | K_ENUM { $$ = "enum"; }
    | K_SERVICE { $$ = "service"; } | K_RPC { $$ = "rpc"; } | K_RETURNS { $$ = "returns"; }
    | K_STREAM { $$ = "stream"; } | K_REPEATED { $$ = "repeated"; } | K_OPTIONAL { $$ = "optional"; }
    | K_REQUIRED { $$ = "required"; } | K_ONEOF { $$ = "oneof"; } | K_MAP { $$ = "map"; }
    | K_RESERVED { $$ = "reserved"; } | K_EXTENSIONS { $$ = "extensions"; } | K_EXTEND { $$ = "extend"; }
    | K_TO { $$ = "to"; } | K_MAX { $$ = "max"; } | K_GROUP { $$ = "group"; }
    ;

/* an enum value's name: not `option` or `reserved`, which begin statements there */
ename: IDENT | K_SYNTAX { $$ = "syntax"; } | K_EDITION { $$ = "edition"; } | K_IMPORT { $$ = "import"; }
     | K_WEAK { $$ = "weak"; } | K_PUBLIC { $$ = "public"; } | K_PACKAGE { $$ = "package"; }
     | K_MESSAGE { $$ = "message"; } | K_ENUM { $$ = "enum"; }
     | K_SERVICE { $$ = "service"; } | K_RPC { $$ = "rpc"; } | K_RETURNS { $$ = "returns"; }
     | K_STREAM { $$ = "stream"; } | K_REPEATED { $$ = "repeated"; } | K_OPTIONAL { $$ = "optional"; }
     | K_REQUIRED { $$ = "required"; } | K_ONEOF { $$ = "oneof"; } | K_MAP { $$ = "map"; }
     | K_EXTENSIONS { $$ = "extensions"; } | K_EXTEND { $$ = "extend"; }
     | K_TO { $$ = "to"; } | K_MAX { $$ = "max"; } | K_GROUP { $$ = "group"; }
     ;

fullident: name                 { $$ = $1; }
         | fullident '.' name   { $$ = sfmt("%s.%s", $1, $3); }
         ;

typeref: IDENT                  { $$ = $1; }
       | '.' name               { $$ = sfmt(".%s", $2); }
       | typeref '.' name       { $$ = sfmt("%s.%s", $1, $3); }
       ;

strs: STRING
    | strs STRING {
	Buf b = {0};
	bputn(&b, $1.s, $1.n);
	bputn(&b, $2.s, $2.n);
	$$.s = sndup(b.s ? b.s : "", b.n);
	$$.n = b.n;
	bfree(&b);
    }
    ;

/* ---- options */

option: K_OPTION optname '=' optval { $$ = $4; $$->name = $2; $$->loc = protoloc(cx, @2); }
      ;

optname: optpart
       | optname '.' optpart    { $$ = sfmt("%s.%s", $1, $3); }
       ;

optpart: name                   { $$ = $1; }
       | '(' typeref ')'        { $$ = sfmt("(%s)", $2); }
       ;

optnum: INT | FLOAT ;

optval: strs                    { $$ = oval(quoted($1.s, $1.n), sndup($1.s, $1.n)); }
      | optnum                  { $$ = oval($1, NULL); }
      | '-' optnum              { $$ = oval(sfmt("-%s", $2), NULL); }
      | '+' optnum              { $$ = oval($2, NULL); }
      | name                    { $$ = oval($1, NULL); }
      | '-' name                { $$ = oval(sfmt("-%s", $2), NULL); }
      | '{' tfields '}'         { $$ = oval(sfmt("{%s }", $2), NULL); }
      ;

fopts: %empty                   { $$ = NULL; }
     | '[' foptlist ']'         { $$ = $2; }
     ;

foptlist: fopt                  { $$ = olist(NULL, $1); }
        | foptlist ',' fopt     { $$ = olist($1, $3); }
        ;

fopt: optname '=' optval        { $$ = $3; $$->name = $1; $$->loc = protoloc(cx, @1); }
    ;

/* aggregate option values: the protobuf text format, kept as text */
tfields: %empty                 { $$ = ""; }
       | tfields tfield         { $$ = sfmt("%s %s", $1, $2); }
       ;

tfield: tfname ':' tvalue tsep  { $$ = sfmt("%s: %s", $1, $3); }
      | tfname tmsg tsep        { $$ = sfmt("%s %s", $1, $2); }
      ;

tsep: %empty | ',' | ';' ;

tfname: name                    { $$ = $1; }
      | '[' typeref ']'         { $$ = sfmt("[%s]", $2); }
      | '[' typeref '/' typeref ']' { $$ = sfmt("[%s/%s]", $2, $4); }
      ;

tmsg: '{' tfields '}'           { $$ = sfmt("{%s }", $2); }
    | '<' tfields '>'           { $$ = sfmt("{%s }", $2); }
    ;

tvalue: tscalar
      | tmsg
      | '[' tlist ']'           { $$ = sfmt("[%s]", $2); }
      ;

tlist: %empty                   { $$ = ""; }
     | tlistne
     ;

tlistne: telem
       | tlistne ',' telem      { $$ = sfmt("%s, %s", $1, $3); }
       ;

telem: tscalar | tmsg ;

tscalar: strs                   { $$ = quoted($1.s, $1.n); }
       | optnum
       | '-' optnum             { $$ = sfmt("-%s", $2); }
       | name
       | '-' name               { $$ = sfmt("-%s", $2); }
       ;

/* ---- messages */

message: K_MESSAGE name { pmsgopen(cx, $2, @2); } '{' msgbody '}' { pmsgclose(cx); }
       ;

msgbody: %empty
       | msgbody msgitem
       ;

msgitem: field
       | K_MAP '<' typeref ',' typeref '>' name '=' INT fopts ';'
                                { pmapfield(cx, $3, @3, $5, @5, $7, @7, $9, @9, $10); }
       | oneof
       | option ';'             { paddopt(cx, &cx->scope.v[cx->scope.n - 1]->opts, $1); }
       | K_RESERVED ranges ';'
       | K_RESERVED rnames ';'
       | K_EXTENSIONS extranges fopts ';'
       | message
       | enum
       | extend
       | ';'
       ;

label: K_OPTIONAL               { $$ = PLOPTIONAL; }
     | K_REQUIRED               { $$ = PLREQUIRED; }
     | K_REPEATED               { $$ = PLREPEATED; }
     ;

field: label typeref name '=' INT fopts ';'  { pfield(cx, $1, $2, @2, $3, @3, $5, @5, $6); }
     | typeref name '=' INT fopts ';'        { pfield(cx, PLNONE, $1, @1, $2, @2, $4, @4, $5); }
     | label K_GROUP name '=' INT fopts { pgroupopen(cx, $1, $3, @3, $5, @5, $6); } '{' msgbody '}' { pmsgclose(cx); }
     ;

oneof: K_ONEOF name { poneofopen(cx, $2, @2); } '{' oneofbody '}' { cx->oneof = -1; }
     ;

oneofbody: %empty
         | oneofbody oneofitem
         ;

oneofitem: typeref name '=' INT fopts ';'  { pfield(cx, PLNONE, $1, @1, $2, @2, $4, @4, $5); }
         | K_GROUP name '=' INT fopts { pgroupopen(cx, PLNONE, $2, @2, $4, @4, $5); } '{' msgbody '}' { pmsgclose(cx); }
         | option ';'           { poneofopt(cx, $1); }
         | ';'
         ;

sint: INT
    | '-' INT                   { $$ = sfmt("-%s", $2); }
    ;

rangeend: sint
        | K_MAX                 { $$ = "max"; }
        ;

ranges: range
      | ranges ',' range
      ;

range: sint                     { preserved(cx, $1, @1, NULL, 0); }
     | sint K_TO rangeend       { preserved(cx, $1, @1, $3, 0); }
     ;

extranges: extrange
         | extranges ',' extrange
         ;

extrange: INT                   { preserved(cx, $1, @1, NULL, 1); }
        | INT K_TO rangeend     { preserved(cx, $1, @1, $3, 1); }
        ;

rnames: rname
      | rnames ',' rname
      ;

rname: strs                     { prname(cx, $1.s, @1); }
     | IDENT                    { prname(cx, $1, @1); }
     ;

/* ---- enums */

enum: K_ENUM name { penumopen(cx, $2, @2); } '{' enumbody '}' { cx->en = NULL; }
    ;

enumbody: %empty
        | enumbody enumitem
        ;

enumitem: ename '=' sint fopts ';'  { penumval(cx, $1, @1, $3, @3, $4); }
        | option ';'            { paddopt(cx, &cx->en->opts, $1); }
        | K_RESERVED ranges ';'
        | K_RESERVED rnames ';'
        | ';'
        ;

/* ---- extend */

extend: K_EXTEND typeref { pextendopen(cx, $2, @2); } '{' extbody '}' { cx->extendee = NULL; }
      ;

extbody: %empty
       | extbody extitem
       ;

extitem: field
       | ';'
       ;

/* ---- services */

service: K_SERVICE name { psvcopen(cx, $2, @2); } '{' svcbody '}' { cx->svc = NULL; }
       ;

svcbody: %empty
       | svcbody svcitem
       ;

svcitem: K_RPC name '(' stream typeref ')' K_RETURNS '(' stream typeref ')'
                                { pmethod(cx, $2, @2, $4, $5, @5, $9, $10, @10); } rpcend
       | option ';'             { paddopt(cx, &cx->svc->opts, $1); }
       | ';'
       ;

stream: %empty                  { $$ = 0; }
      | K_STREAM                { $$ = 1; }
      ;

rpcend: ';'
      | '{' rpcbody '}'
      ;

rpcbody: %empty
       | rpcbody rpcitem
       ;

rpcitem: option ';'             { paddopt(cx, &cx->method->opts, $1); }
       | ';'
       ;
