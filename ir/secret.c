/*
 * What a credential looks like: by its value (a JWT, a cloud or VCS token,
 * a private key, a long random-looking string), by its name (password,
 * client_secret, api_key), and what only stands for one (a placeholder such
 * as <token> or YOUR_API_KEY, a mask such as ******).
 *
 * Requires: nothing but strings.  Guarantees: pure functions.  The secure
 * pass moves example values that look like secrets into environment
 * variables, synthesis replaces masked examples, and the backend's gate
 * refuses to write a file that still holds an unmistakable credential
 * (findsecret) — all with these same rules.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "ir/ir.h"

static int
prefixed(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

/* base64url-ish run length from s */
static size_t
tokenrun(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '-' || s[n] == '_' || s[n] == '+' || s[n] == '/' || s[n] == '=')
		n++;
	return n;
}

static double
entropy(const char *s, size_t n)
{
	int count[256] = {0};
	double h = 0;
	size_t i;

	for (i = 0; i < n; i++)
		count[(unsigned char)s[i]]++;
	for (i = 0; i < 256; i++)
		if (count[i]) {
			double p = (double)count[i] / (double)n;
			h -= p * log2(p);
		}
	return h;
}

/* Does this text look like a credential, whatever its name? */
int
secretvalue(const char *s, size_t n)
{
	const char *dot1, *dot2;
	size_t i;
	int upper = 0, lower = 0, digit = 0;

	if (n < 16)
		return 0;
	/* a JWT: three base64url parts, the first a JSON header */
	if (prefixed(s, "eyJ") && (dot1 = memchr(s, '.', n)) &&
	    (dot2 = memchr(dot1 + 1, '.', n - (size_t)(dot1 + 1 - s))))
		return 1;
	if (strstr(s, "PRIVATE KEY-----"))
		return 1;
	if (prefixed(s, "AKIA") || prefixed(s, "ASIA")) /* AWS access key ids */
		return n >= 20 && tokenrun(s) >= 20;
	if ((prefixed(s, "ghp_") || prefixed(s, "gho_") || prefixed(s, "ghu_") || prefixed(s, "ghs_") ||
	     prefixed(s, "ghr_") || prefixed(s, "github_pat_") || prefixed(s, "glpat-")) && tokenrun(s) >= 20)
		return 1;
	if ((prefixed(s, "xoxb-") || prefixed(s, "xoxp-") || prefixed(s, "xoxa-") || prefixed(s, "xoxr-") ||
	     prefixed(s, "xoxs-") || prefixed(s, "sk_live_") || prefixed(s, "rk_live_") || prefixed(s, "sk-")) &&
	    tokenrun(s) >= 20)
		return 1;
	if (prefixed(s, "AIza") && tokenrun(s) >= 39) /* Google API keys */
		return 1;
	if ((prefixed(s, "Bearer ") || prefixed(s, "Basic ")) && tokenrun(strchr(s, ' ') + 1) >= 16)
		return 1;
	/* a long random-looking token: one run of token characters, all three
	 * character classes, high entropy */
	if (n < 32 || n > 256 || tokenrun(s) != n) /* keys and tokens are short; blobs are data */
		return 0;
	for (i = 0; i < n; i++) {
		upper |= !!isupper((unsigned char)s[i]);
		lower |= !!islower((unsigned char)s[i]);
		digit |= !!isdigit((unsigned char)s[i]);
	}
	return upper + lower + digit == 3 && entropy(s, n) >= 4.0;
}

/* The gate's last look at emitted text: the offset of the first thing that
 * is unmistakably a credential (the prefixed token forms above and private
 * keys, not the entropy guess), or -1. */
long
findsecret(const char *text, size_t n)
{
	static const char *starts[] = { "eyJ",   "AKIA",  "ASIA",        "ghp_",     "gho_",     "ghu_",
		                        "ghs_",  "ghr_",  "github_pat_", "glpat-",   "xoxb-",    "xoxp-",
		                        "xoxa-", "xoxr-", "xoxs-",       "sk_live_", "rk_live_", "AIza" };
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (i && (isalnum((unsigned char)text[i - 1]) || text[i - 1] == '_'))
			continue; /* only at the start of a word */
		if (text[i] == '-' && n - i > 30 && !strncmp(text + i, "-----BEGIN ", 11)) {
			const char *e = memchr(text + i, '\n', n - i);
			size_t len = e ? (size_t)(e - text) - i : n - i;
			if (memmem(text + i, len, "PRIVATE KEY", 11))
				return (long)i;
		}
		if (!strchr("eAgxsr", text[i]) || !text[i])
			continue; /* no prefix starts so: most words */
		for (k = 0; k < sizeof starts / sizeof *starts; k++)
			if (text[i] == starts[k][0] && !strncmp(text + i, starts[k], strlen(starts[k]))) {
				size_t run = tokenrun(text + i);
				const char *s2 = text + i;
				if (k == 0) { /* JWT: two dots inside the run of token characters and dots */
					size_t j, dots = 0;
					for (j = 0;
					     i + j < n && (isalnum((unsigned char)s2[j]) || strchr("-_.", s2[j])); j++)
						dots += s2[j] == '.';
					if (dots == 2 && j >= 24)
						return (long)i;
				} else if (run >= 20)
					return (long)i;
			}
	}
	return -1;
}

/*
 * Placeholders: what a description writes where the reader is to put a
 * value of their own — a mask (`******`, `••••`, `xxxx`, `sk_live_****1234`),
 * a bracketed name (`<token>`, `{{apiKey}}`, `[API_KEY]`, `${TOKEN}`,
 * `$API_TOKEN`), or words that only say what goes there (`YOUR_API_KEY`,
 * `changeme`, `api-key-here`, `REDACTED`, `password`), after an optional
 * `Bearer ` or `Basic `.  A placeholder is not a secret (nothing to hide,
 * no ATGC_SECRET_ variable to set); it is sent as written, but for a mask
 * (masked below), which synthesis stands in for.
 */
static int
inlist(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(*list, w, n))
			return 1;
	return 0;
}

int
placeholder(const char *s, size_t n)
{
	static const char *const markers[] = {"YOUR", "YOURS", "MY", "HERE", "REPLACE", "REPLACEME", "CHANGEME",
	                                      "PLACEHOLDER", "EXAMPLE", "SAMPLE", "DUMMY", "FAKE", "REDACTED", "MASKED",
	                                      "HIDDEN", "INSERT", "ENTER", "TODO", "FIXME", "PUT", "PASTE", NULL};
	static const char *const what[] = {
		"API",         "APIKEY",  "KEY",      "KEYS",        "TOKEN",     "SECRET",   "PASSWORD",
		"PASS",        "PASSWD",  "PWD",      "PASSPHRASE",  "ACCESS",    "AUTH",     "AUTHORIZATION",
		"BEARER",      "CLIENT",  "APP",      "APPLICATION", "ID",        "PERSONAL", "PRIVATE",
		"PUBLIC",      "SESSION", "REFRESH",  "JWT",         "OAUTH",     "OAUTH2",   "CREDENTIAL",
		"CREDENTIALS", "USER",    "USERNAME", "ACCOUNT",     "SIGNATURE", "SIGNING",  "WEBHOOK",
		"SERVICE",     "PROJECT", "VALUE",    "STRING",      "THE",       "TEST",     "DEMO",
		"A",           "AN",      "GOES",     "TO",          "BE",        "WITH",     "OF",
		"NEW",         "ME",      "CHANGE",   "OR",          NULL
	};
	static const char *const core[] = { "APIKEY", "KEY",        "TOKEN",      "SECRET",      "PASSWORD", "PASSWD",
		                            "PWD",    "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "JWT",      NULL };
	const char *w, *e;
	size_t i, other = 0;

	while (n && (*s == ' ' || *s == '"' || *s == '\''))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\''))
		n--;
	if (n > 7 && (!strncmp(s, "Bearer ", 7) || !strncmp(s, "Basic ", 6) || !strncmp(s, "Token ", 6)))
		for (i = s[1] == 'e' ? 7 : 6, s += i, n -= i; n && *s == ' '; s++, n--)
			;
	if (!n || n > 256)
		return 0;
	if (masked(s, n))
		return 1;
	/* a bracketed name: <token>, {{apiKey}}, [API_KEY], ${TOKEN}, %TOKEN% */
	if (n >= 3 && strchr("<{[$%", s[0]) && strchr(">}]%", s[n - 1])) {
		size_t a = 0, z = n;
		while (a < z && strchr("<{[$%", s[a]))
			a++;
		while (z > a && strchr(">}]%", s[z - 1]))
			z--;
		for (i = a; i < z && (isalnum((unsigned char)s[i]) || strchr("_-. ", s[i])); i++)
			;
		if (z > a && i == z)
			return 1;
	}
	if (n >= 3 && s[0] == '$') {
		for (i = 1; i < n && (isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'); i++)
			;
		if (i == n)
			return 1;
	}
	/* words that only say what goes there: each a marker or a word of
	 * what a credential is, and one of them a marker or a credential's own
	 * name ("public" or "user" alone are data) */
	w = uppersnake(sndup(s, n));
	for (; *w; w = *e ? e + 1 : e) {
		size_t len;
		e = strchr(w, '_');
		if (!e)
			e = w + strlen(w);
		len = (size_t)(e - w);
		while (len > 1 && isdigit((unsigned char)w[len - 1]) && !inlist(w, len, what))
			len--; /* secret456, password123: a credential's name, numbered */
		if (inlist(w, len, markers) || inlist(w, len, core))
			other = 1;
		else if (!inlist(w, len, what))
			return 0;
	}
	return (int)other;
}

/* A masked value (`******`, `••••1234`, `xxxx-xxxx`): an example that hides
 * the real one is not sent; synthesis stands in for it. */
int
masked(const char *s, size_t n)
{
	size_t i, run = 0, xs = 0, other = 0, tail = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '*')
			run++;
		else if (i + 2 < n && !memcmp(s + i, "\xe2\x80\xa2", 3))
			run++, i += 2;
		else
			run = 0;
		if (run >= 3)
			return 1;
		if (s[i] == 'x' || s[i] == 'X')
			xs++, tail++;
		else if (!strchr("-_ .:", s[i]))
			other++, tail = 0;
	}
	return (xs >= 3 && !other) || tail >= 8; /* sk_live_xxxxxxxxxxxx */
}

/* Does this name say its value is a credential?  Its last word decides:
 * `password`, `api_key`, `clientSecret`, `access_token`, `credentials` are;
 * `token_type`, `secret_scanning`, `passwordHint`, `keyId` are not. */
int
secretname(const char *name)
{
	static const char *words[] = {"PASSWORD", "PASSWD", "PASSPHRASE", "PWD", "SECRET", "TOKEN", "APIKEY",
	                              "CREDENTIAL", "CREDENTIALS", "AUTHORIZATION", "PRIVATEKEY", "ACCESSKEY"};
	static const char *pairs[] = {"API_KEY", "ACCESS_KEY", "PRIVATE_KEY", "AUTH_KEY", "SECRET_KEY", "SIGNING_KEY"};
	const char *w = uppersnake(name), *last = strrchr(w, '_');
	size_t n = strlen(w), i;

	last = last ? last + 1 : w;
	for (i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcmp(last, words[i]))
			return 1;
	for (i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		size_t k = strlen(pairs[i]);
		if (n >= k && !strcmp(w + n - k, pairs[i]) && (n == k || w[n - k - 1] == '_'))
			return 1;
	}
	return 0;
}

/* Does this name say its value identifies something (request_id, node_id,
 * commitSha, etag, cursor)?  Such a value is random by design: the entropy
 * guess of secretvalue says nothing there, only a credential's own form
 * (findsecret: ghp_..., a JWT, a private key) does. */
int
idname(const char *name)
{
	static const char *const words[] = {"ID", "IDS", "UUID", "GUID", "SHA", "HASH", "ETAG", "CURSOR", "DIGEST",
	                                    "CHECKSUM", "REF", "SLUG", NULL};
	const char *w, *last;

	if (!name)
		return 0;
	w = uppersnake(name);
	last = strrchr(w, '_');
	return inlist(last ? last + 1 : w, strlen(last ? last + 1 : w), words);
}

