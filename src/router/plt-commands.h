/* plt-commands.h — the supervisor's commands in the router: agent status,
 * skills, messages, and the history the flight recorder asks for; each
 * checked against the session's role and scope and written to the audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-db.h"
#include "plt-protocol.h"
#include "plt-router.h"

G_BEGIN_DECLS

typedef struct _PltCommands PltCommands;

/* The "audit" component of the database (docs/protocol.md §10):
 *
 *   audit (id INTEGER PRIMARY KEY, at INTEGER ms, user TEXT (NULL with
 *          --no-auth), role TEXT, action TEXT (the message type), target
 *          TEXT (agent or team id), detail TEXT (JSON of the arguments),
 *          result TEXT ("ok" or the error code), message TEXT (the
 *          refusal's words, NULL when ok))
 */
#define PLT_COMMANDS_AUDIT_COMPONENT "audit"

PltCommands *_plt_commands_new     (PltRouter    *router,
                                    PltDb        *db,
                                    GError      **error);
void         _plt_commands_free    (PltCommands  *self);

/* TRUE for the messages _plt_commands_handle() takes. */
gboolean     _plt_commands_handles (PltMessageType type);
/* Answers @message of @session (a struct _PltSession, plt-session.c). */
void         _plt_commands_handle  (PltCommands      *self,
                                    gpointer          session,
                                    const PltMessage *message);

G_END_DECLS
