/* plt-wallboard-layout.h — what the wallboard shows: its pages, their tiles,
 * queues and intervals, and the JSON form that is saved and shared
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * A layout is a list of pages shown in turn. Each page shows some tiles for
 * some queues (all of them when its queue list is empty) for an interval.
 * The JSON form is documented in docs/wallboard.md:
 *
 *   { "format": "plateau-wallboard", "version": 1, "rotate": true,
 *     "pages": [ { "title": "Sales", "interval": 20,
 *                  "tiles": ["waiting", "agent-states", "queues"],
 *                  "queues": ["sales", "support"] } ] }
 *
 * Loading is strict about what it understands (a clear error names the page
 * and the field) and ignores members it does not know, so that a newer
 * version's additions do not break an older console.
 */

#define PLT_WALLBOARD_LAYOUT_FORMAT   "plateau-wallboard"
#define PLT_WALLBOARD_LAYOUT_VERSION  1

#define PLT_WALLBOARD_MAX_PAGES       20
#define PLT_WALLBOARD_MIN_INTERVAL    5
#define PLT_WALLBOARD_MAX_INTERVAL    3600
#define PLT_WALLBOARD_MAX_QUEUES      200
#define PLT_WALLBOARD_MAX_TITLE       80

/**
 * PltWallboardTile:
 * @PLT_WALLBOARD_TILE_QUEUES: one tile per queue: waiting, longest wait,
 *   service level today against its target ("queues")
 * @PLT_WALLBOARD_TILE_WAITING: contacts waiting and the longest wait, over
 *   the page's queues ("waiting")
 * @PLT_WALLBOARD_TILE_SERVICE_LEVEL: a service level gauge per queue
 *   ("service-level")
 * @PLT_WALLBOARD_TILE_AGENT_STATES: how many agents are in each state
 *   ("agent-states")
 * @PLT_WALLBOARD_TILE_AGENTS: a small tile per agent, for 60 agents and more
 *   ("agents")
 * @PLT_WALLBOARD_TILE_CLOCK: the time and the date ("clock")
 * @PLT_WALLBOARD_TILE_ALERTS: the active alerts ("alerts")
 */
typedef enum
{
  PLT_WALLBOARD_TILE_QUEUES,
  PLT_WALLBOARD_TILE_WAITING,
  PLT_WALLBOARD_TILE_SERVICE_LEVEL,
  PLT_WALLBOARD_TILE_AGENT_STATES,
  PLT_WALLBOARD_TILE_AGENTS,
  PLT_WALLBOARD_TILE_CLOCK,
  PLT_WALLBOARD_TILE_ALERTS,
} PltWallboardTile;

#define PLT_WALLBOARD_N_TILES (PLT_WALLBOARD_TILE_ALERTS + 1)

#define PLT_WALLBOARD_LAYOUT_ERROR (plt_wallboard_layout_error_quark ())

typedef enum
{
  PLT_WALLBOARD_LAYOUT_ERROR_PARSE,    /* not JSON */
  PLT_WALLBOARD_LAYOUT_ERROR_INVALID,  /* JSON, but not a layout this version reads */
} PltWallboardLayoutError;

typedef struct
{
  char             *title;      /* (nullable): NULL gives a title from the tiles */
  guint             interval_s; /* PLT_WALLBOARD_MIN_INTERVAL..MAX_INTERVAL */
  guint             n_tiles;    /* 1..PLT_WALLBOARD_N_TILES */
  PltWallboardTile  tiles[PLT_WALLBOARD_N_TILES]; /* no tile twice */
  GStrv             queues;     /* never NULL; empty: every queue */
} PltWallboardPage;

typedef struct
{
  gboolean   rotate;            /* show the pages in turn */
  GPtrArray *pages;             /* PltWallboardPage, 1..PLT_WALLBOARD_MAX_PAGES */
} PltWallboardLayout;

GQuark              plt_wallboard_layout_error_quark   (void);

/* The tile's name in the JSON form, "agent-states". */
const char         *plt_wallboard_tile_to_string       (PltWallboardTile tile);
gboolean            plt_wallboard_tile_from_string     (const char       *text,
                                                        PltWallboardTile *tile);
/* Translated, for the layout editor: "Agents by state" */
const char         *plt_wallboard_tile_get_label       (PltWallboardTile tile);
/* Translated, one line for the editor */
const char         *plt_wallboard_tile_get_description (PltWallboardTile tile);
/* Tiles that take the room left by the others (queues, gauges, agents),
 * rather than a card of the row above them. */
gboolean            plt_wallboard_tile_is_area         (PltWallboardTile tile);

PltWallboardPage   *plt_wallboard_page_new             (void);
PltWallboardPage   *plt_wallboard_page_copy            (const PltWallboardPage *page);
void                plt_wallboard_page_free            (PltWallboardPage       *page);
gboolean            plt_wallboard_page_has_tile        (const PltWallboardPage *page,
                                                        PltWallboardTile        tile);
/* Adds @tile at the end, or removes it; a page keeps at least one tile. */
void                plt_wallboard_page_set_tile        (PltWallboardPage       *page,
                                                        PltWallboardTile        tile,
                                                        gboolean                shown);
gboolean            plt_wallboard_page_shows_queue     (const PltWallboardPage *page,
                                                        const char             *queue_id);
/* Returns: (transfer full): the page's title, or one made from its tiles */
char               *plt_wallboard_page_dup_title       (const PltWallboardPage *page);

/* Queues, waiting, service level and agents on three pages, rotating. */
PltWallboardLayout *plt_wallboard_layout_new_default   (void);
PltWallboardLayout *plt_wallboard_layout_copy          (const PltWallboardLayout *layout);
void                plt_wallboard_layout_free          (PltWallboardLayout       *layout);
gboolean            plt_wallboard_layout_equal         (const PltWallboardLayout *a,
                                                        const PltWallboardLayout *b);
/* Returns: (transfer none) */
PltWallboardPage   *plt_wallboard_layout_get_page      (const PltWallboardLayout *layout,
                                                        guint                     index);
guint               plt_wallboard_layout_get_n_pages   (const PltWallboardLayout *layout);

/* Returns: (transfer full) (nullable): the layout, or NULL with @error set
 * (PLT_WALLBOARD_LAYOUT_ERROR) with a message for people */
PltWallboardLayout *plt_wallboard_layout_new_from_json (const char               *json,
                                                        gssize                    length,
                                                        GError                  **error);
/* Returns: (transfer full): the JSON form, pretty-printed, ending with a newline */
char               *plt_wallboard_layout_to_json       (const PltWallboardLayout *layout);
PltWallboardLayout *plt_wallboard_layout_new_from_file (GFile                    *file,
                                                        GError                  **error);
gboolean            plt_wallboard_layout_save_to_file  (const PltWallboardLayout *layout,
                                                        GFile                    *file,
                                                        GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltWallboardLayout, plt_wallboard_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltWallboardPage, plt_wallboard_page_free)

G_END_DECLS
