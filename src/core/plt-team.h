/* plt-team.h — a team of operators led by a supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-protocol.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_TEAM (plt_team_get_type ())
G_DECLARE_FINAL_TYPE (PltTeam, plt_team, PLT, TEAM, GObject)

/* Properties (read-only): "id", "version", "name" */

PltTeam     *plt_team_new          (const char        *id);
const char  *plt_team_get_id       (PltTeam           *self);
gint64       plt_team_get_version  (PltTeam           *self);
const char  *plt_team_get_name     (PltTeam           *self);
gboolean     plt_team_apply        (PltTeam           *self,
                                    const PltTeamData *data,
                                    gboolean           force);
PltTeamData *plt_team_to_data      (PltTeam           *self);

G_END_DECLS
