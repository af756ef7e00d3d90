/* CUnit suites for atgc's building blocks.  Each test_*.c registers one suite. */
#include <CUnit/Basic.h>
#include <string.h>

#include "ir/ir.h"

void suite_arena(void);
void suite_escape(void);
void suite_yaml(void);
void suite_gate(void);
void suite_check(void);
void suite_safety(void);
void suite_ownkeyed(void);
void suite_wkt(void);
void suite_namealters(void);
void suite_cel(void);
void suite_work(void);

/* Parse YAML text; diagnostics are captured into *msgs (NULL to drop). */
Node *parsetext(const char *text, char **msgs);
