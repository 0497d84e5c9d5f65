/* Includes cmocka needs before its own header, in the order it needs them. */
#ifndef HERALD_CMOCKA_PRELUDE_H
#define HERALD_CMOCKA_PRELUDE_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#endif
