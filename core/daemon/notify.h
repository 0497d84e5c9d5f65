/*
 * systemd's readiness protocol (sd_notify(3), "Notify socket" in
 * systemd.exec(5)) without libsystemd: one datagram to the socket named by
 * $NOTIFY_SOCKET. libsystemd, with the compression and crypto libraries it
 * brings, costs about 1 MB of every herald's resident memory for those two
 * calls (docs/performance.md).
 */
#ifndef HERALD_NOTIFY_H
#define HERALD_NOTIFY_H

#include <stdint.h>

/*
 * Sends STATE ("READY=1", "STATUS=...", several lines allowed) to the
 * service manager. Returns 1 when sent, 0 when no manager listens
 * ($NOTIFY_SOCKET unset), or a negative errno.
 */
int dm_notify(const char *state);

/*
 * Whether the service manager expects watchdog pings from this process
 * ($WATCHDOG_USEC, and $WATCHDOG_PID when set names this process): 1 with
 * the interval in *USEC, 0 when not, or -EINVAL for a malformed value.
 */
int dm_notify_watchdog(uint64_t *usec);

#endif
