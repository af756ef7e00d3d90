/*
 * The name-based "alters" check of GraphQL fields and gRPC methods
 * (ir/callkind.c: namewordalters): every word of the name counts, not only
 * the first, so a name that puts its noun first (etcd's UserAdd,
 * RoleGrantPermission, MemberRemove, AuthDisable) is a change like one that
 * puts its verb first; a word must equal a verb (Settings is no Set), and
 * `add` first (addBook) is a create.  Requires nothing but the function.
 */
#include "unit.h"

static void
test_etcd_names(void)
{
	/* etcd's auth.proto and rpc.proto: what changes the server */
	static const char *const alters[] = {
		"UserAdd", "UserDelete", "UserChangePassword", "UserGrantRole", "UserRevokeRole", "RoleAdd",
		"RoleDelete", "RoleGrantPermission", "RoleRevokePermission", "AuthEnable", "AuthDisable",
		"MemberAdd", "MemberRemove", "MemberUpdate", "MemberPromote", "Defragment", "MoveLeader", "Alarm",
		"Compact", "Downgrade", "LeaseGrant", "LeaseRevoke", "LeaseKeepAlive", "Put", "DeleteRange", NULL,
	};
	/* what only reads */
	static const char *const reads[] = {
		"UserGet", "UserList", "RoleGet", "RoleList", "AuthStatus", "Authenticate", "MemberList", "Status",
		"Hash", "HashKV", "Snapshot", "LeaseLeases", "LeaseTimeToLive", "Range", "Watch", NULL,
	};
	int i;

	for (i = 0; alters[i]; i++) {
		if (!namewordalters(alters[i]))
			fprintf(stderr, "namealters: %s should alter\n", alters[i]);
		CU_ASSERT_TRUE(namewordalters(alters[i]));
	}
	for (i = 0; reads[i]; i++) {
		if (namewordalters(reads[i]))
			fprintf(stderr, "namealters: %s should not alter\n", reads[i]);
		CU_ASSERT_FALSE(namewordalters(reads[i]));
	}
}

static void
test_words(void)
{
	CU_ASSERT_TRUE(namewordalters("updateUser"));
	CU_ASSERT_TRUE(namewordalters("set_role"));
	CU_ASSERT_TRUE(namewordalters("Role_Grant"));
	CU_ASSERT_TRUE(namewordalters("createOrUpdateBook")); /* an upsert: the second verb */
	CU_ASSERT_TRUE(namewordalters("bookAdd"));
	CU_ASSERT_TRUE(namewordalters("HTTPRuleDelete")); /* a run of capitals is one word */
	CU_ASSERT_FALSE(namewordalters("addBook"));       /* add first: a create */
	CU_ASSERT_FALSE(namewordalters("createBook"));
	CU_ASSERT_FALSE(namewordalters("GetSettings")); /* Settings is no Set */
	CU_ASSERT_FALSE(namewordalters("ListDeletedBooks"));
	CU_ASSERT_FALSE(namewordalters("Address"));   /* add inside a word */
	CU_ASSERT_FALSE(namewordalters("GetUpdates"));
	CU_ASSERT_FALSE(namewordalters(""));
	CU_ASSERT_FALSE(namewordalters("__"));
}

void
suite_namealters(void)
{
	CU_pSuite s = CU_add_suite("callkind: a change verb in any word of a name", NULL, NULL);

	CU_add_test(s, "etcd's Auth, Cluster, Maintenance, KV and Lease methods", test_etcd_names);
	CU_add_test(s, "words: capitals, underscores, whole words only, add first", test_words);
}
