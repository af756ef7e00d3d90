/*
 * Writing the output tree.  Only after every file passed the gate.
 *
 * Paths are relative, made by the backend from sanitised components; this
 * file checks that again (no absolute path, no '..' or empty component) so
 * that no spec can make atgc write outside -o, refuses to write through a
 * symbolic link inside it, creates directories as
 * needed, and writes each file through a temporary name and rename(2) so a
 * reader never sees half a file.  A file whose content is unchanged is not
 * rewritten, which keeps make and watch-mode runners quiet.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ir/ir.h"

static int
safepath(const char *p)
{
	const char *s = p;

	if (!*p || *p == '/')
		return 0;
	while (*s) {
		const char *e = strchr(s, '/');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		s += n + (e != NULL);
	}
	return 1;
}

/* No folder between dir and the file may be a symbolic link: a link planted
 * in the output folder would send a write elsewhere. */
static int
throughlink(const char *dir, const char *rel)
{
	const char *slash;
	struct stat st;

	for (slash = strchr(rel, '/'); slash; slash = strchr(slash + 1, '/')) {
		const char *sub = sfmt("%s/%.*s", dir, (int)(slash - rel), rel);
		if (!lstat(sub, &st) && S_ISLNK(st.st_mode))
			return 1;
	}
	return 0;
}

static int
mkdirs(const char *path)
{
	char *p = sdup(path), *s;

	for (s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			if (mkdir(p, 0777) && errno != EEXIST)
				return -1;
			*s = '/';
		}
	if (mkdir(p, 0777) && errno != EEXIST)
		return -1;
	return 0;
}

static int
same(const char *path, Buf *text)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n, off = 0;
	int eq = 1;

	if (!f)
		return 0;
	while (eq && (n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (off + n > text->n || memcmp(buf, text->s + off, n))
			eq = 0;
		off += n;
	}
	fclose(f);
	return eq && off == text->n;
}

int
writeout(OutFiles *files, const char *dir)
{
	int i;

	if (mkdirs(dir)) {
		fprintf(stderr, "atgc: error: cannot create output directory '%s': %s\n", dir, strerror(errno));
		return EXIT_NOWRITE;
	}
	/* every path is checked before anything is written */
	for (i = 0; i < files->n; i++) {
		if (!safepath(files->v[i].path))
			die("refusing to write '%s' outside the output directory", files->v[i].path);
		if (throughlink(dir, files->v[i].path)) {
			fprintf(stderr,
			        "atgc: error: refusing to write '%s/%s': a folder on its way is a symbolic link\n", dir,
			        files->v[i].path);
			return EXIT_NOWRITE;
		}
	}
	for (i = 0; i < files->n; i++) {
		OutFile *f = &files->v[i];
		const char *path, *tmp, *slash;
		FILE *fp;
		path = sfmt("%s/%s", dir, f->path);
		if (same(path, &f->text))
			continue;
		if ((slash = strrchr(path, '/')) && mkdirs(sndup(path, (size_t)(slash - path)))) {
			fprintf(stderr, "atgc: error: cannot create directory for '%s': %s\n", path, strerror(errno));
			return EXIT_NOWRITE;
		}
		tmp = sfmt("%s.tmp%ld", path, (long)getpid());
		{
			/* a fresh file, never through a link someone left at this name */
			int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0666);
			fp = fd < 0 ? NULL : fdopen(fd, "wb");
		}
		if (!fp || fwrite(f->text.s ? f->text.s : "", 1, f->text.n, fp) != f->text.n || fclose(fp)) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", path, strerror(errno));
			unlink(tmp);
			return EXIT_NOWRITE;
		}
		if (rename(tmp, path)) {
			fprintf(stderr, "atgc: error: cannot write '%s': %s\n", path, strerror(errno));
			unlink(tmp);
			return EXIT_NOWRITE;
		}
	}
	return EXIT_OK;
}
