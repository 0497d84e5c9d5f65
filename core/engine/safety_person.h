#ifndef HERALD_SAFETY_PERSON_H
#define HERALD_SAFETY_PERSON_H

#include <stddef.h>

/* 1 when the crisis matched at START..END of TEXT (normalised) is told about
 * someone else ("my wife doesn't want to be here anymore"), 0 when it is the
 * writer's own or no one is named (the safe reading). */
int sf_crisis_about_other(const char *text, size_t start, size_t end);

#endif
