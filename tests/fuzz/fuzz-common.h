/* fuzz-common.h — what the fuzz targets share: fatal GLib warnings and
 * checks that abort, so that libFuzzer records the input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

G_BEGIN_DECLS

/* A broken promise of the code under test: print it and abort, which
 * libFuzzer reports as a crash and saves the input of. */
G_GNUC_NORETURN G_GNUC_PRINTF (1, 2)
static inline void
fuzz_fail (const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  fputs ("fuzz check failed: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  abort ();
}

#define FUZZ_CHECK(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      fuzz_fail ("%s:%d: %s", __FILE__, __LINE__, #expr); \
  } G_STMT_END

/* A g_warning() or a g_return_if_fail() failure is a bug: make them abort. */
static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

G_END_DECLS
