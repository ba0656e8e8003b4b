/* plt-operator-page.h — one operator: their figures for a period beside
 * the team's and the targets, the day's flight recorder, and the actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "plt-agent-actions.h"
#include "plt-client.h"
#include "plt-clock.h"

G_BEGIN_DECLS

#define PLT_TYPE_OPERATOR_PAGE (plt_operator_page_get_type ())
G_DECLARE_FINAL_TYPE (PltOperatorPage, plt_operator_page, PLT, OPERATOR_PAGE, GtkWidget)

/*
 * The page asks the router for the agent's and their team's figures
 * (kpi.query) over the period chosen (today, this week, or from a date to
 * another in a calendar popover) and shows each beside the team's average
 * and the target (the "kpi-targets" settings key); the table exports to CSV.
 * Below, the flight recorder: the day's states of every agent of the team
 * (history.query), a scrubber to go back to any moment, and what each queue
 * of the team was doing then.
 *
 * Signals: "back" () — the user wants the board again.
 */

typedef enum
{
  PLT_OPERATOR_PERIOD_TODAY,
  PLT_OPERATOR_PERIOD_WEEK,
  PLT_OPERATOR_PERIOD_CUSTOM,
} PltOperatorPeriod;

GtkWidget  *plt_operator_page_new          (void);
void        plt_operator_page_set_client   (PltOperatorPage  *self,
                                            PltClient        *client);
void        plt_operator_page_set_actions  (PltOperatorPage  *self,
                                            PltAgentActions  *actions);
void        plt_operator_page_set_settings (PltOperatorPage  *self,
                                            GSettings        *settings);
/* Shows @agent (nullable) and asks the router for their figures and day. */
void        plt_operator_page_set_agent    (PltOperatorPage  *self,
                                            PltAgent         *agent);
/* Returns: (transfer none) (nullable) */
PltAgent   *plt_operator_page_get_agent    (PltOperatorPage  *self);
/* The period of the table: for CUSTOM, [@from, @to) in ms (router clock). */
void        plt_operator_page_set_period   (PltOperatorPage  *self,
                                            PltOperatorPeriod period,
                                            gint64            from,
                                            gint64            to);

/* For tests. */
gboolean    _plt_operator_page_is_loading  (PltOperatorPage  *self);
/* Returns: (transfer none): the recorder widget */
GtkWidget  *_plt_operator_page_get_recorder (PltOperatorPage *self);
/* Returns: (transfer full): the table as CSV (RFC 4180) */
char       *_plt_operator_page_dup_csv     (PltOperatorPage  *self);
/* Returns: (transfer full) (nullable): the words shown for @row and @column */
char       *_plt_operator_page_dup_cell    (PltOperatorPage  *self,
                                            guint             row,
                                            guint             column);
guint       _plt_operator_page_get_n_rows  (PltOperatorPage  *self);
/* Returns: (transfer none): the text under the scrubber, what the queues did */
const char *_plt_operator_page_get_moment_text (PltOperatorPage *self);

G_END_DECLS
