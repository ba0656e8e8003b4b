/* plt-board-group-private.h — a team's header row, as PltBoardModel keeps
 * and counts it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-board-group.h"
#include "plt-types.h"

G_BEGIN_DECLS

/* A group's counts, by the state the rows were last told. */
typedef enum
{
  PLT_BOARD_TALLY_OTHER,
  PLT_BOARD_TALLY_CONTACT,
  PLT_BOARD_TALLY_AVAILABLE,
  PLT_BOARD_TALLY_PAUSED,
} PltBoardTally;

struct _PltBoardGroup
{
  GObject  parent_instance;

  char    *team_id;
  char    *title;
  char    *summary;
  char    *agents_text;
  char    *states_text;
  guint    n_agents;

  /* Kept by the board model */
  char    *sort_key;     /* the title, case folded and collated */
  guint    hint;         /* where the header was last seen */
  guint    n_shown;      /* agents counted below */
  guint    on_contact;
  guint    available;
  guint    paused;
  guint    dirty : 1;    /* counts changed since the texts were made */
};

/* Returns: (transfer full) */
PltBoardGroup *_plt_board_group_new      (const char    *team_id);
/* Sets the team's name and its sort key; TRUE if it changed. */
gboolean       _plt_board_group_set_title (PltBoardGroup *group,
                                          const char    *title);
/* By name (case folded and collated), then by team id. */
int            _plt_board_group_compare  (PltBoardGroup *a,
                                          PltBoardGroup *b);
PltBoardTally  _plt_board_tally_of       (PltAgentState  state);
/* Counts (@delta 1) or uncounts (-1) an agent in @tally. */
void           _plt_board_group_count    (PltBoardGroup *group,
                                          PltBoardTally  tally,
                                          int            delta);
/* Back to no agent counted. */
void           _plt_board_group_reset    (PltBoardGroup *group);
/* Makes the header's texts from its counts, if "dirty". */
void           _plt_board_group_apply    (PltBoardGroup *group);

G_END_DECLS
