/*
 * The driver: what the command line asks for (Config), the tables of
 * frontends and backends, and the one pipeline that main, the fuzz targets
 * and the tests all run.
 *
 *   input ─► frontend (frontend/frontends.def) ─► Mod ─► passes (passes/passes.def)
 *         ─► backend (backend/backends.def) ─► gate ─► files or a stream
 *
 * The driver is the only layer that calls every other one (make layers).
 * Adding an input language is a line in frontend/frontends.def, a target a
 * line in backend/backends.def, a pass a line in passes/passes.def.
 */
#ifndef ATGC_DRIVER_H
#define ATGC_DRIVER_H

#include "ir/ir.h"

typedef struct Frontend Frontend;
struct Frontend {
	const char *name;
	const char *exts;              /* file name endings, space-separated: ".yaml .yml" */
	int (*sniff)(Src *src);        /* does the content look like this language? or NULL */
	Mod *(*lower)(Src *src, FrontOpts *o); /* NULL after located errors */
	int standalone;                /* no passes; writes its own output (-x jsonschema) */
	const char *desc;
};

typedef struct Backend Backend;
struct Backend {
	const char *name;
	void (*emit)(Mod *m, BackOpts *o, OutFiles *out);
	const BackChunks *chunks; /* the same emission in chunks of operations (-fchunk-size), or NULL */
	int (*gate)(OutFiles *files, const char *outdir); /* 0 when every file passes, else EXIT_*; or NULL */
	int dir;                       /* writes a folder (default tests/generated); else one stream */
	const char *desc;
};

typedef struct Pass Pass;
struct Pass {
	const char *name;
	void (*fn)(Mod *, Opts *);
	const char *desc;
};

extern const Frontend frontends[];
extern const Backend backends[];
extern const Pass passes[];
extern const int nfrontends, nbackends, npasses;

/* Everything the command line says; filled by options() or by hand (tests, fuzz targets). */
typedef struct Config Config;
struct Config {
	const char *input;      /* a file, or "-" for standard input */
	Src *src;               /* or the input already in memory (fuzz targets) */
	const char *out;        /* -o: a folder or a stream; NULL: the backend's default */
	const Frontend *front;  /* -x; NULL: from the file name, else the content */
	const Backend *back;    /* -emit; NULL: ts */
	const Pass *passlist[64];
	int npass;              /* -1: the default pipeline */
	const char *printafter; /* -print-after=PASS */
	int printall, verifyeach, timepasses, syntaxonly;
	int quiet;              /* -q: no progress line and no summary on a terminal */
	int dryrun;             /* emit and gate, write nothing (fuzz targets) */
	int misplan;            /* -debug-misplan: break a planned case after plan (tests of verify) */
	int md;                 /* -MD -MF FILE [-MT TARGET] */
	const char *depfile, *deptarget;
	const char *deviations; /* -known-deviations=FILE */
	int framework;          /* FWJEST, FWVITEST, FWNODE */
	int inferformats;
	const char *metrics;    /* -metrics=FILE: Prometheus text at the end */
	double mincoverage;     /* -min-coverage=N: the coverage gate; < 0 off */
	int gatetypes;          /* -gate=types: the suite's own tsc --noEmit before writing */
	int logjson;            /* -log-format=json: a JSON object per phase on stderr */
	const char *timetrace;  /* -ftime-trace=FILE: Chrome trace-event JSON */
	int online;             /* atgc doctor --online: ask the server too */
	const char *proxy;      /* -proxy=URL: the suite's default forward proxy; NULL: none */
	int chunksize;          /* -fchunk-size=N: operations planned and emitted at a time; 0: all at once */
	FrontOpts fo;
	Opts opts;
};

void configinit(Config *c);
int options(Config *c, int argc, char **argv); /* exits on a usage error or after --help */
/* driver/config.c: atgc.yml (-c FILE, else found here or above) as options placed before the command line's,
 * and its spec; EXIT_OK (nothing added when there is none), EXIT_USAGE after located errors, EXIT_NOREAD */
typedef Vec(Loc) LocVec;
int configargs(const char *file, StrVec *args, LocVec *locs, const char **spec); /* locs: each arg's value */
/* driver/gates.c: the quality gates past the syntax gate (backend/gate.c) */
int coveragegate(Mod *m, double min);                         /* EXIT_OK or EXIT_GATE after an error */
int typegate(OutFiles *files, const char *out); /* EXIT_OK, EXIT_GATE, or EXIT_NOWRITE */
int initcmd(int argc, char **argv); /* atgc init [-f] [SPEC]: writes ./atgc.yml; EXIT_* */
int doctor(Config *c);              /* atgc doctor: a line per check; EXIT_OK when all pass, else EXIT_INPUT */
int pipeline(Config *c);                      /* EXIT_* */
const Frontend *frontendfor(const char *name, Src *src); /* by name ending, then content */
const Frontend *frontendbyname(const char *lang);        /* -x LANG, or NULL */

#endif
