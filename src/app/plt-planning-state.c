/* plt-planning-state.c — the planning page's desired state, as pure
 * functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "plt-planning-state.h"

PltPlanningCaps
plt_planning_caps_for_role (const char *role)
{
  PltPlanningCaps all = PLT_PLANNING_CAN_READ | PLT_PLANNING_CAN_READ_DRAFT | PLT_PLANNING_CAN_EDIT |
                        PLT_PLANNING_CAN_REVIEW | PLT_PLANNING_CAN_COMMENT | PLT_PLANNING_CAN_PUBLISH;

  if (role == NULL || g_str_equal (role, "admin") || g_str_equal (role, "manager"))
    return all;
  if (g_str_equal (role, "supervisor"))
    return all & ~PLT_PLANNING_CAN_PUBLISH;
  if (g_str_equal (role, "agent"))
    return PLT_PLANNING_CAN_READ;

  /* A wallboard, or a role this console does not know: nothing. */
  return 0;
}

PltSyncStatus
plt_sync_state_describe (const PltSyncState *state,
                         char              **text,
                         const char        **icon_name,
                         const char        **css_class)
{
  PltSyncStatus status;
  char *words;
  const char *icon;
  const char *css;

  if (state->read_only)
    {
      status = PLT_SYNC_STATUS_READ_ONLY;
      words = g_strdup (_("Read only"));
      icon = "changes-prevent-symbolic";
      css = "dim-label";
    }
  else if (state->n_conflicts > 0)
    {
      status = PLT_SYNC_STATUS_CONFLICT;
      words = g_strdup (_("Conflict"));
      icon = "dialog-warning-symbolic";
      css = "error";
    }
  else if (!state->online && state->n_pending > 0)
    {
      status = PLT_SYNC_STATUS_OFFLINE;
      /* Translators: the planning could not be saved to the router; the
       * changes are in the local journal */
      words = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Offline — %u change kept on this computer",
                                            "Offline — %u changes kept on this computer",
                                            state->n_pending),
                               state->n_pending);
      icon = "network-offline-symbolic";
      css = "warning";
    }
  else if (!state->online)
    {
      status = PLT_SYNC_STATUS_OFFLINE;
      words = g_strdup (_("Offline"));
      icon = "network-offline-symbolic";
      css = "warning";
    }
  else if (state->failed && state->n_pending > 0)
    {
      status = PLT_SYNC_STATUS_FAILED;
      words = g_strdup (_("Not saved"));
      icon = "dialog-error-symbolic";
      css = "error";
    }
  else if (state->busy || state->n_pending > 0)
    {
      status = PLT_SYNC_STATUS_SAVING;
      words = g_strdup (_("Saving…"));
      icon = "document-save-symbolic";
      css = "dim-label";
    }
  else
    {
      status = PLT_SYNC_STATUS_SAVED;
      words = g_strdup (_("Saved"));
      icon = "object-select-symbolic";
      css = "success";
    }

  if (text != NULL)
    *text = words;
  else
    g_free (words);
  if (icon_name != NULL)
    *icon_name = icon;
  if (css_class != NULL)
    *css_class = css;

  return status;
}

char *
plt_planning_publish_heading (const PltWeek *week,
                              const char    *team_name)
{
  /* Translators: the question before publishing; the week's number and
   * the team's name */
  return g_strdup_printf (_("Publish week %d for %s?"), week->week, team_name);
}

char *
plt_planning_publish_body (guint n_agents)
{
  if (n_agents == 0)
    return g_strdup (_("No agent’s days changed since the last version: nobody will be notified."));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u agent will be notified.",
                                       "%u agents will be notified.",
                                       n_agents),
                          n_agents);
}

char *
plt_planning_week_title (const PltWeek *week)
{
  GDate monday, sunday;
  char from[64];
  char to[64];

  g_date_clear (&monday, 1);
  plt_week_get_monday (week, &monday);
  sunday = monday;
  g_date_add_days (&sunday, 6);

  /* Translators: strftime formats of a week's first and last days, when
   * they are in the same month ("23–29 November 2026"), the same year
   * ("30 November – 6 December 2026") or not */
  if (g_date_get_month (&monday) == g_date_get_month (&sunday))
    {
      g_date_strftime (from, sizeof from, C_("week start", "%-d"), &monday);
      g_date_strftime (to, sizeof to, C_("week end", "%-d %B %Y"), &sunday);
      /* Translators: the week's number, then its days */
      return g_strdup_printf (_("Week %d · %s–%s"), week->week, from, to);
    }
  if (g_date_get_year (&monday) == g_date_get_year (&sunday))
    g_date_strftime (from, sizeof from, C_("week start", "%-d %B"), &monday);
  else
    g_date_strftime (from, sizeof from, C_("week end", "%-d %B %Y"), &monday);
  g_date_strftime (to, sizeof to, C_("week end", "%-d %B %Y"), &sunday);

  return g_strdup_printf (_("Week %d · %s – %s"), week->week, from, to);
}

char *
plt_planning_recovered_text (guint n_changes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Recovered %u unsaved change",
                                       "Recovered %u unsaved changes",
                                       n_changes),
                          n_changes);
}
