/*
 * The files of a directory that end in a suffix, in name order: how intents,
 * plugins and plugin tests are found, so that load order (and so which of two
 * conflicting plugins wins) is the same on every machine.
 */
#ifndef HERALD_DIRLIST_H
#define HERALD_DIRLIST_H

#include <stddef.h>

#include "diag.h"

/*
 * Fills *NAMES with the malloc'd names (not paths) of DIR's entries that end in
 * SUFFIX and do not start with '.', sorted; *N is their number. The caller
 * frees them with hr_dir_list_free(). Returns 0 or -errno.
 */
int hr_dir_list(const char *dir, const char *suffix, char ***names, size_t *n);

void hr_dir_list_free(char **names, size_t n);

/*
 * Adds every file of DIR ending in SUFFIX, in name order, with ADD(SET, PATH,
 * DIAG, UD) (hr_intents_add_file, hr_plugins_add_file). A file that fails is
 * reported by ADD and the others are still added. Returns 0, -ENOMEM when
 * any ADD ran out of memory, -EINVAL when any other failed, or the -errno of
 * an unreadable DIR (reported to DIAG).
 */
int hr_dir_add_files(const char *dir, const char *suffix,
                     int (*add)(void *set, const char *path, hr_diag_fn diag, void *ud), void *set,
                     hr_diag_fn diag, void *ud);

/*
 * The content layers (docs/operations.md, Local content): the files of one kind
 * in BASE (the bundled intents/ or plugins/ folder), then in SUB/ of each
 * folder of LOCALS (comma-separated, may be NULL or ""), later layers winning:
 * a local file with the same name as a bundled one replaces it, any other adds
 * to it. Fills *PATHS with malloc'd full paths sorted by file name (the load
 * order), free with hr_dir_list_free(). A missing BASE is an error (-errno); a
 * local folder without SUB/ adds nothing. Returns 0 or -errno.
 */
int hr_layers_list(const char *base, const char *locals, const char *sub, const char *suffix, char ***paths,
                   size_t *n);

/*
 * Calls FN for each local folder named in LOCALS (comma-separated, blanks
 * around names ignored), with the folder as a NUL-terminated string. Stops
 * at and returns FN's first non-zero return.
 */
int hr_layers_each(const char *locals, int (*fn)(const char *dir, void *ud), void *ud);

#endif
