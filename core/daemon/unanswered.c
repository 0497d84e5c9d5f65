#include "unanswered.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.h"

struct item {
	int64_t day; /* seconds since the epoch, rounded down to the day */
	char text[HR_UNANSWERED_TEXT_MAX + 1];
};

struct hr_unanswered {
	struct item *ring;
	size_t max, head, count; /* oldest at head */
	int64_t max_age_s;
};

hr_unanswered *hr_unanswered_new(size_t max, int64_t max_age_s)
{
	hr_unanswered *u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->max = max ? max : 1;
	u->max_age_s = max_age_s;
	u->ring = calloc(u->max, sizeof(*u->ring));
	if (!u->ring) {
		free(u);
		return NULL;
	}
	return u;
}

void hr_unanswered_free(hr_unanswered *u)
{
	if (!u)
		return;
	free(u->ring);
	free(u);
}

static int is_email_char(unsigned char c)
{
	return isalnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

void hr_unanswered_redact(const char *text, size_t len, char *out, size_t cap)
{
	char *tmp = malloc(len * 8 + 16);
	if (!tmp) {
		snprintf(out, cap, "%s", "");
		return;
	}
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		/* An e-mail address: the word around an '@'. */
		if (is_email_char((unsigned char)text[i]) || text[i] == '@') {
			size_t j = i;
			int at = 0;
			while (j < len && (is_email_char((unsigned char)text[j]) || text[j] == '@'))
				at |= text[j++] == '@';
			if (at) {
				memcpy(tmp + o, " email ", 7);
				o += 7;
				i = j;
				continue;
			}
		}
		/* A phone number: seven or more digits with the usual separators. */
		if (isdigit((unsigned char)text[i]) || text[i] == '+' || text[i] == '(') {
			size_t j = i, digits = 0;
			while (j < len && (isdigit((unsigned char)text[j]) || strchr("+()-. ", text[j]))) {
				digits += isdigit((unsigned char)text[j]) != 0;
				j++;
			}
			if (digits >= 7) {
				memcpy(tmp + o, " phone ", 7);
				o += 7;
				i = j;
				continue;
			}
		}
		if (isdigit((unsigned char)text[i])) {
			/* Any other number: keep that there was one, not what it was. */
			while (i < len && (isdigit((unsigned char)text[i]) || text[i] == '.'))
				i++;
			memcpy(tmp + o, " N ", 3);
			o += 3;
			continue;
		}
		tmp[o++] = text[i];
		i++;
	}
	if (hr_text_normalize(tmp, o, out, cap) < 0) {
		/* Too long: keep what fits, cut at a character boundary. */
		size_t n = cap > 1 ? cap - 1 : 0;
		hr_text_normalize(tmp, n / 2, out, cap);
	}
	free(tmp);
}

static void push(hr_unanswered *u, int64_t day, const char *text)
{
	size_t slot = (u->head + u->count) % u->max;
	if (u->count == u->max) {
		slot = u->head;
		u->head = (u->head + 1) % u->max;
	} else {
		u->count++;
	}
	u->ring[slot].day = day;
	snprintf(u->ring[slot].text, sizeof(u->ring[slot].text), "%s", text);
}

void hr_unanswered_add(hr_unanswered *u, const char *text, size_t len, int64_t now)
{
	char red[HR_UNANSWERED_TEXT_MAX + 1];
	hr_unanswered_redact(text, len > 2000 ? 2000 : len, red, sizeof(red));
	if (red[0])
		push(u, now - now % 86400, red);
}

size_t hr_unanswered_expire(hr_unanswered *u, int64_t now)
{
	size_t n = 0;
	while (u->count && now - u->ring[u->head].day > u->max_age_s) {
		u->head = (u->head + 1) % u->max;
		u->count--;
		n++;
	}
	return n;
}

size_t hr_unanswered_count(const hr_unanswered *u)
{
	return u->count;
}

int hr_unanswered_load(hr_unanswered *u, const char *path, int64_t now)
{
	/* Non-blocking, so that a FIFO does not wait for a writer, and only a
	 * regular file: a device would be read for ever (/dev/zero) and then
	 * replaced by the first save's rename(). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	struct stat st;
	int bad = fstat(fd, &st) != 0 ? -errno : !S_ISREG(st.st_mode) ? -EINVAL : 0;
	if (bad) {
		close(fd);
		return bad;
	}
	FILE *f = fdopen(fd, "r");
	if (!f) {
		int e = errno;
		close(fd);
		return -e;
	}
	/* Read whole first, so that a file that is not ours adds nothing. */
	hr_unanswered *got = hr_unanswered_new(u->max, u->max_age_s);
	if (!got) {
		fclose(f);
		return -ENOMEM;
	}
	char line[HR_UNANSWERED_TEXT_MAX + 64];
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		size_t n = strlen(line);
		if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
			rc = -EBADMSG; /* a line longer than herald writes */
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		char *tab = strchr(line, '\t'), *end;
		if (!tab || tab == line || !tab[1]) {
			rc = -EBADMSG;
			break;
		}
		*tab = '\0';
		long long day = strtoll(line, &end, 10);
		if (*end) {
			rc = -EBADMSG;
			break;
		}
		if (now - day <= u->max_age_s)
			push(got, day, tab + 1);
	}
	if (rc == 0 && ferror(f))
		rc = -EIO;
	fclose(f);
	if (rc == 0)
		hr_unanswered_append(u, got);
	hr_unanswered_free(got);
	return rc;
}

const char *hr_unanswered_strerror(int rc)
{
	if (rc == -EINVAL)
		return "not a regular file";
	if (rc == -EBADMSG)
		return "not a file herald wrote (a line is not DAY<TAB>TEXT)";
	return strerror(-rc);
}

void hr_unanswered_append(hr_unanswered *dst, const hr_unanswered *src)
{
	for (size_t i = 0; i < src->count; i++) {
		const struct item *it = &src->ring[(src->head + i) % src->max];
		push(dst, it->day, it->text);
	}
}

int hr_unanswered_remove_stale(const char *path, size_t *bytes)
{
	char tmp[4096];
	struct stat st;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	if (lstat(tmp, &st) != 0)
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	if (unlink(tmp) != 0)
		return -errno;
	*bytes = (size_t)st.st_size;
	return 1;
}

int hr_unanswered_save(const hr_unanswered *u, const char *path)
{
	char tmp[4096];
	struct stat st;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	/* Never replace what is not a regular file (rename() would). */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return -EINVAL;
	/* A fresh file: not one left by a crash, nor a link planted there. */
	if (unlink(tmp) != 0 && errno != ENOENT)
		return -errno;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		return -e;
	}
	for (size_t i = 0; i < u->count; i++) {
		const struct item *it = &u->ring[(u->head + i) % u->max];
		fprintf(f, "%lld\t%s\n", (long long)it->day, it->text);
	}
	int rc = 0;
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		rc = -errno;
	if (fclose(f) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return rc;
	}
	/* The rename itself, made durable. */
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

hr_unanswered *hr_unanswered_clone(const hr_unanswered *u)
{
	hr_unanswered *c = hr_unanswered_new(u->max, u->max_age_s);
	if (!c)
		return NULL;
	memcpy(c->ring, u->ring, u->max * sizeof(*u->ring));
	c->head = u->head;
	c->count = u->count;
	return c;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct group {
	const char *text;
	size_t count;
};

static int by_count(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

void hr_unanswered_report(const hr_unanswered *u, void (*fn)(const char *text, size_t count, void *ud),
                          void *ud)
{
	if (!u->count)
		return;
	const char **texts = malloc(u->count * sizeof(*texts));
	struct group *groups = malloc(u->count * sizeof(*groups));
	if (!texts || !groups)
		goto out;
	for (size_t i = 0; i < u->count; i++)
		texts[i] = u->ring[(u->head + i) % u->max].text;
	qsort(texts, u->count, sizeof(*texts), by_text);
	size_t ng = 0;
	for (size_t i = 0; i < u->count; i++) {
		if (ng && strcmp(groups[ng - 1].text, texts[i]) == 0) {
			groups[ng - 1].count++;
		} else {
			groups[ng].text = texts[i];
			groups[ng].count = 1;
			ng++;
		}
	}
	qsort(groups, ng, sizeof(*groups), by_count);
	for (size_t i = 0; i < ng; i++)
		fn(groups[i].text, groups[i].count, ud);
out:
	free(texts);
	free(groups);
}
