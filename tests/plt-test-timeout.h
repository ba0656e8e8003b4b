/* plt-test-timeout.h — deadlines of the tests that scale under valgrind
 *
 * The valgrind test setup of tests/meson.build sets
 * PLT_TEST_TIMEOUT_MULTIPLIER (as meson's own timeout_multiplier does for
 * the whole test): a wait bounded by plt_test_timeout_ms (N) then allows
 * N times that factor. Unset or invalid: a factor of 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>

#include <glib.h>

static inline guint
plt_test_timeout_ms (guint base_ms)
{
  const char *text = g_getenv ("PLT_TEST_TIMEOUT_MULTIPLIER");
  double factor = 1.0;
  char *end = NULL;

  if (text != NULL)
    {
      double parsed = g_ascii_strtod (text, &end);

      if (end != text && *end == '\0' && parsed >= 1.0 && parsed <= 1000.0)
        factor = parsed;
    }
  return (guint) MIN ((double) base_ms * factor, (double) G_MAXUINT);
}
