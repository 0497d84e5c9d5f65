#include "notify.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int dm_notify(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	if (!path || !*path)
		return 0;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	size_t n = strlen(path);
	/* A path, or an abstract socket written with a leading '@'. */
	if ((path[0] != '/' && path[0] != '@') || n >= sizeof(sa.sun_path))
		return -EINVAL;
	memcpy(sa.sun_path, path, n);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	ssize_t w = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa, len);
	int rc = w < 0 ? -errno : 1;
	close(fd);
	return rc;
}

/* Parses the decimal VALUE whole into *OUT; 0 or -EINVAL. */
static int parse_u64(const char *value, uint64_t *out)
{
	if (!value || *value < '0' || *value > '9')
		return -EINVAL;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(value, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*out = v;
	return 0;
}

int dm_notify_watchdog(uint64_t *usec)
{
	const char *us = getenv("WATCHDOG_USEC");
	if (!us)
		return 0;
	uint64_t v, pid;
	if (parse_u64(us, &v) || v == 0)
		return -EINVAL;
	const char *p = getenv("WATCHDOG_PID");
	if (p) {
		if (parse_u64(p, &pid))
			return -EINVAL;
		/* Meant for another process (a parent that forked us). */
		if (pid != (uint64_t)getpid())
			return 0;
	}
	*usec = v;
	return 1;
}
