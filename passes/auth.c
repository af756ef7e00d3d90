/*
 * auth: credentials the command line says where to get.
 *
 * Requires: the API model's security schemes.  Guarantees: with
 * -token-url=URL, every OAuth2 scheme gets its token from URL by the
 * client-credentials grant (the runtime exchanges ATGC_AUTH_<SCHEME>_CLIENT_ID
 * and _CLIENT_SECRET there); without, nothing changes.
 */
#include "ir/ir.h"

void
passauth(Mod *m, Opts *o)
{
	int i;

	if (!o->tokenurl)
		return;
	for (i = 0; i < m->secschemes.n; i++)
		if (m->secschemes.v[i]->kind == SECOAUTH2)
			m->secschemes.v[i]->tokenurl = o->tokenurl;
}
