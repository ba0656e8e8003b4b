/* plt-user-cmd.h — `plateau-router user …`: the router's accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The database plateau-router uses when --db is not given:
 * $XDG_DATA_HOME/plateau-router/router.db. (transfer full) */
char *plt_user_command_default_db (void);

/* `plateau-router user add NAME --role ROLE [--teams T1,T2] [--agent ID]
 * | list | passwd NAME | remove NAME [--db FILE]`; @argv[0] is "user".
 * Passwords are read from the terminal without echo, or from standard
 * input when it is not a terminal; never from the command line. */
int   plt_user_command            (int    argc,
                                   char **argv);

G_END_DECLS
