/*
 * The files of a directory that end in a suffix, in name order: how intents,
 * plugins and plugin tests are found, so that load order (and so which of two
 * conflicting plugins wins) is the same on every machine.
 */
#ifndef HERALD_DIRLIST_H
#define HERALD_DIRLIST_H

#include <stddef.h>

/*
 * Fills *NAMES with the malloc'd names (not paths) of DIR's entries that end in
 * SUFFIX and do not start with '.', sorted; *N is their number. The caller
 * frees them with hr_dir_list_free(). Returns 0 or -errno.
 */
int hr_dir_list(const char *dir, const char *suffix, char ***names, size_t *n);

void hr_dir_list_free(char **names, size_t n);

#endif
