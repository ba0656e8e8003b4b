/* plt-view.h — what one session may see and do: filtering by role and scope
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-acd.h"
#include "plt-auth.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

typedef struct _PltView PltView;

/* @user NULL means everything (a router run with --no-auth). A supervisor's
 * queues, the queues their teams serve, are taken from @agents (the
 * published PltAgentData*) now: the scope is fixed for the session. */
PltView    *plt_view_new             (const PltUser  *user,
                                      GPtrArray      *agents);
void        plt_view_free            (PltView        *view);
/* Sessions with the same key see the same thing (and can share a snapshot). */
const char *plt_view_get_key         (PltView        *view);
const char *plt_view_get_role_name   (PltView        *view);
/* TRUE for the views that send everything unchanged. */
gboolean    plt_view_is_full         (PltView        *view);
/* TRUE when an entity can leave the view while it still exists (an agent's
 * own calls): the session then tracks what it sent. */
gboolean    plt_view_is_dynamic      (PltView        *view);

/* Returns: (transfer full) (nullable): what the view shows of @data (a
 * Plt*Data of @kind): a copy, with the personal fields blanked for a
 * wallboard, or NULL when the entity is not for this view. */
gpointer    plt_view_filter          (PltView        *view,
                                      PltAcdEntity    kind,
                                      gconstpointer   data);

/* Whether the view may change @agent's status; FALSE with a
 * PLT_PROTOCOL_ERROR_FORBIDDEN error saying why. */
gboolean    plt_view_may_act_on      (PltView             *view,
                                      const PltAgentData  *agent,
                                      const char          *agent_id,
                                      GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltView, plt_view_free)

G_END_DECLS
