/* plt-staffing-cmd.h — `plateau-router staffing`, the staffing calculator for scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the calculator: @argv[0] is "staffing", the options follow
 * (`plateau-router staffing --help`). Prints one JSON object on standard
 * output. Returns the exit status: 0, 1 when no head count meets the
 * target, 2 for bad arguments. */
int plt_staffing_command (int    argc,
                          char **argv);

G_END_DECLS
