/* plt-export.c — a planning's exports: CSV of a week, iCalendar per agent,
 * and the diff between the draft and the published version
 *
 * The iCalendar is written by libical: a vetted RFC 5545 implementation,
 * VTIMEZONE included, rather than text we would have to get right
 * ourselves (folding, escaping, time zone rules).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "plt-export.h"

G_DEFINE_QUARK (plt-export-error-quark, plt_export_error)

/* ---------------------------------------------------------------------------
 * CSV
 */

void
plt_csv_row_free (PltCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

static gboolean
csv_fail (GError     **error,
          guint       *error_line,
          guint        line,
          const char  *message)
{
  g_set_error_literal (error, PLT_EXPORT_ERROR, PLT_EXPORT_ERROR_CSV, message);
  if (error_line != NULL)
    *error_line = line;
  return FALSE;
}

GPtrArray *
plt_csv_read (const char  *text,
              gssize       length,
              guint       *error_line,
              GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_csv_row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  const char *end;
  guint line = 1;

  if (error_line != NULL)
    *error_line = 0;
  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;

  if (!g_utf8_validate (text, length, NULL))
    return csv_fail (error, error_line, 1, _("The file is not UTF-8 text")), NULL;
  /* A UTF-8 byte-order mark, as spreadsheets write. */
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      PltCsvRow *row;
      guint record_line = line;

      /* The fields of one record. */
      for (;;)
        {
          g_string_truncate (field, 0);
          if (p < end && *p == '"')
            {
              guint start_line = line;

              for (p++;; p++)
                {
                  if (p >= end)
                    return csv_fail (error, error_line, start_line,
                                     _("A quoted field never ends")), NULL;
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (field, '"');
                          p++;
                          continue;
                        }
                      p++;
                      break;
                    }
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p);
                }
              if (p < end && *p != ',' && *p != '\r' && *p != '\n')
                return csv_fail (error, error_line, line, _("Text after the closing quote of a field")), NULL;
            }
          else
            {
              while (p < end && *p != ',' && *p != '\r' && *p != '\n')
                {
                  if (*p == '"')
                    return csv_fail (error, error_line, line,
                                     _("A quote inside a field that is not quoted")), NULL;
                  g_string_append_c (field, *p++);
                }
            }
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          if (p < end && *p == ',')
            {
              p++;
              continue;
            }
          break;
        }

      /* The end of the record. */
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      line++;

      g_ptr_array_add (fields, NULL);
      row = g_new0 (PltCsvRow, 1);
      row->line = record_line;
      row->fields = (GStrv) g_ptr_array_steal (fields, NULL);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

void
plt_csv_append_field (GString    *out,
                      const char *field)
{
  gsize length = field != NULL ? strlen (field) : 0;

  if (length > 0 &&
      (strpbrk (field, ",\"\r\n") != NULL || g_ascii_isspace (field[0]) || g_ascii_isspace (field[length - 1])))
    {
      g_string_append_c (out, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (length > 0)
    g_string_append (out, field);
}

static const PltPlanningAgent *
find_agent (GPtrArray  *agents,
            const char *id)
{
  for (guint i = 0; agents != NULL && i < agents->len; i++)
    if (strcmp (((PltPlanningAgent *) g_ptr_array_index (agents, i))->id, id) == 0)
      return g_ptr_array_index (agents, i);
  return NULL;
}

static char *
join_queues (const PltActivity      *act,
             const PltPlanningAgent *agent)
{
  const char * const *list = act->queues != NULL ? (const char * const *) act->queues
                           : agent != NULL && act->kind == PLT_ACTIVITY_WORK ? (const char * const *) agent->skills
                           : NULL;

  return list != NULL ? g_strjoinv (";", (GStrv) list) : g_strdup ("");
}

char *
plt_export_week_csv (PltSchedule   *schedule,
                     const PltSite *site,
                     GPtrArray     *agents,
                     const char    *team,
                     const PltWeek *week)
{
  GString *out = g_string_new ("team,agent,agent_name,date,shift,activity,start,end,minutes,queues\r\n");
  g_autoptr(GPtrArray) days = plt_schedule_list_days (schedule);

  for (guint d = 0; d < days->len; d++)
    {
      PltAgentDay *day = g_ptr_array_index (days, d);
      const PltPlanningAgent *agent = find_agent (agents, day->agent);
      char date[11];
      PltWeek w;

      plt_week_from_date (&day->date, &w);
      if (!plt_week_equal (&w, week))
        continue;
      plt_date_to_string (&day->date, date);

      for (guint s = 0; s < day->shifts->len; s++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, s);

          for (guint a = 0; a < shift->activities->len; a++)
            {
              const PltActivity *act = g_ptr_array_index (shift->activities, a);
              g_autofree char *start = plt_site_format_time (site, act->start);
              g_autofree char *finish = plt_site_format_time (site, act->end);
              g_autofree char *queues = join_queues (act, agent);
              g_autofree char *minutes = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          (act->end - act->start) / PLT_MS_PER_MINUTE);
              const char *fields[] = {
                team, day->agent, agent != NULL ? agent->name : day->agent, date, shift->id,
                plt_activity_kind_to_string (act->kind), start, finish, minutes, queues,
              };

              for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
                {
                  if (f > 0)
                    g_string_append_c (out, ',');
                  plt_csv_append_field (out, fields[f]);
                }
              g_string_append (out, "\r\n");
            }
        }
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------
 * iCalendar
 */

static struct icaltimetype
local_time (gint64        time,
            icaltimezone *zone)
{
  return icaltime_from_timet_with_zone ((time_t) (time / 1000), 0, zone);
}

char *
plt_export_agent_ical (PltSchedule             *schedule,
                       const PltSite           *site,
                       const PltPlanningAgent  *agent,
                       const GDate             *from,
                       const GDate             *to,
                       gint64                   stamp,
                       GError                 **error)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone (site->tz_id);
  icalcomponent *calendar;
  g_autoptr(GPtrArray) days = NULL;
  char *text;
  char *result;

  if (zone == NULL && g_strcmp0 (site->tz_id, "UTC") == 0)
    zone = icaltimezone_get_utc_timezone ();
  if (zone == NULL)
    {
      g_set_error (error, PLT_EXPORT_ERROR, PLT_EXPORT_ERROR_ICAL,
                   _("The calendar library does not know the time zone “%s”"), site->tz_id);
      return NULL;
    }

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Plateau//Planning " PACKAGE_VERSION "//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  (void *) 0);
  if (zone != icaltimezone_get_utc_timezone ())
    icalcomponent_add_component (calendar, icalcomponent_new_clone (icaltimezone_get_component (zone)));

  days = plt_schedule_list_agent_days (schedule, agent->id, from, to);
  for (guint d = 0; d < days->len; d++)
    {
      PltAgentDay *day = g_ptr_array_index (days, d);

      for (guint s = 0; s < day->shifts->len; s++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, s);

          for (guint a = 0; a < shift->activities->len; a++)
            {
              const PltActivity *act = g_ptr_array_index (shift->activities, a);
              g_autofree char *uid = g_strdup_printf ("%s-%u@plateau", shift->id, a);
              g_autofree char *queues = join_queues (act, agent);
              g_autofree char *summary = NULL;
              icalcomponent *event;
              icalproperty *start, *end;

              if (act->kind == PLT_ACTIVITY_OFF)
                continue;

              if (act->kind == PLT_ACTIVITY_WORK && *queues != '\0')
                summary = g_strdup_printf ("%s — %s", plt_activity_kind_get_label (act->kind), queues);
              else
                summary = g_strdup (plt_activity_kind_get_label (act->kind));

              start = icalproperty_new_dtstart (local_time (act->start, zone));
              end = icalproperty_new_dtend (local_time (act->end, zone));
              if (zone != icaltimezone_get_utc_timezone ())
                {
                  icalproperty_add_parameter (start, icalparameter_new_tzid (icaltimezone_get_tzid (zone)));
                  icalproperty_add_parameter (end, icalparameter_new_tzid (icaltimezone_get_tzid (zone)));
                }

              event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                           icalproperty_new_uid (uid),
                                           icalproperty_new_dtstamp (icaltime_from_timet_with_zone ((time_t) (stamp / 1000), 0,
                                                                                                    icaltimezone_get_utc_timezone ())),
                                           start,
                                           end,
                                           icalproperty_new_summary (summary),
                                           icalproperty_new_categories (plt_activity_kind_to_string (act->kind)),
                                           icalproperty_new_transp (act->kind == PLT_ACTIVITY_TIME_OFF
                                                                    ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE),
                                           (void *) 0);
              icalcomponent_add_component (calendar, event);
            }
        }
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  if (text == NULL)
    {
      g_set_error_literal (error, PLT_EXPORT_ERROR, PLT_EXPORT_ERROR_ICAL, _("The calendar could not be written"));
      return NULL;
    }
  result = g_strdup (text);
  icalmemory_free_buffer (text);
  return result;
}

/* ---------------------------------------------------------------------------
 * Diff
 */

static void
change_free (gpointer data)
{
  PltActivityChange *change = data;

  g_clear_pointer (&change->before, plt_activity_free);
  g_clear_pointer (&change->after, plt_activity_free);
  g_free (change);
}

void
plt_day_diff_free (PltDayDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->agent);
  g_clear_pointer (&diff->changes, g_ptr_array_unref);
  g_strfreev (diff->changed_by);
  g_free (diff);
}

static void
collect_activities (const PltAgentDay *day,
                    GPtrArray         *out)
{
  for (guint s = 0; day != NULL && s < day->shifts->len; s++)
    {
      const PltShift *shift = g_ptr_array_index (day->shifts, s);

      for (guint a = 0; a < shift->activities->len; a++)
        g_ptr_array_add (out, g_ptr_array_index (shift->activities, a));
    }
}

static gboolean
absences_equal (const PltAgentDay *a,
                const PltAgentDay *b)
{
  guint na = a != NULL ? a->absences->len : 0;
  guint nb = b != NULL ? b->absences->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const PltAbsence *x = g_ptr_array_index (a->absences, i);
      const PltAbsence *y = g_ptr_array_index (b->absences, i);

      if (x->start != y->start || x->end != y->end || g_strcmp0 (x->reason, y->reason) != 0)
        return FALSE;
    }
  return TRUE;
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const PltActivityChange *x = *(const PltActivityChange * const *) a;
  const PltActivityChange *y = *(const PltActivityChange * const *) b;
  gint64 tx = x->after != NULL ? x->after->start : x->before->start;
  gint64 ty = y->after != NULL ? y->after->start : y->before->start;

  return (tx > ty) - (tx < ty);
}

static PltActivityChange *
change_new (PltChangeKind      kind,
            const PltActivity *before,
            const PltActivity *after)
{
  PltActivityChange *change = g_new0 (PltActivityChange, 1);

  change->kind = kind;
  change->before = before != NULL ? plt_activity_copy (before) : NULL;
  change->after = after != NULL ? plt_activity_copy (after) : NULL;
  return change;
}

GPtrArray *
plt_planning_diff (PltSchedule *old,
                   PltSchedule *new,
                   GPtrArray   *audit,
                   gint64       old_revision)
{
  g_autoptr(PltSchedule) empty = plt_schedule_new ();
  g_auto(GStrv) keys = plt_schedule_diff_keys (old != NULL ? old : empty, new);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_day_diff_free);

  if (old == NULL)
    old = empty;

  for (guint k = 0; keys[k] != NULL; k++)
    {
      g_autofree char *agent = NULL;
      g_autoptr(GPtrArray) before = g_ptr_array_new ();
      g_autoptr(GPtrArray) after = g_ptr_array_new ();
      g_autoptr(GStrvBuilder) by = g_strv_builder_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      PltAgentDay *a, *b;
      PltDayDiff *diff;
      GDate date;
      char date_text[11];

      plt_agent_day_key_parse (keys[k], &agent, &date);
      a = plt_schedule_lookup (old, agent, &date);
      b = plt_schedule_lookup (new, agent, &date);
      collect_activities (a, before);
      collect_activities (b, after);

      diff = g_new0 (PltDayDiff, 1);
      diff->agent = g_steal_pointer (&agent);
      diff->date = date;
      diff->changes = g_ptr_array_new_with_free_func (change_free);
      diff->absences_changed = !absences_equal (a, b);

      /* Identical activities are no change (a shift id alone may differ). */
      for (guint i = before->len; i > 0; i--)
        for (guint j = 0; j < after->len; j++)
          if (plt_activity_equal (g_ptr_array_index (before, i - 1), g_ptr_array_index (after, j)))
            {
              g_ptr_array_remove_index (before, i - 1);
              g_ptr_array_remove_index (after, j);
              break;
            }
      /* The same kind, overlapping the most: changed. */
      for (guint i = 0; i < before->len; )
        {
          const PltActivity *x = g_ptr_array_index (before, i);
          gint64 best_overlap = 0;
          int best = -1;

          for (guint j = 0; j < after->len; j++)
            {
              const PltActivity *y = g_ptr_array_index (after, j);
              gint64 overlap = MIN (x->end, y->end) - MAX (x->start, y->start);

              if (x->kind == y->kind && overlap > best_overlap)
                {
                  best_overlap = overlap;
                  best = (int) j;
                }
            }
          /* None overlaps: the nearest of the same kind (a moved break). */
          for (guint j = 0; best < 0 && j < after->len; j++)
            {
              const PltActivity *y = g_ptr_array_index (after, j);

              if (x->kind == y->kind)
                best = (int) j;
            }
          for (guint j = 0; best >= 0 && best_overlap == 0 && j < after->len; j++)
            {
              const PltActivity *y = g_ptr_array_index (after, j);
              const PltActivity *current = g_ptr_array_index (after, (guint) best);

              if (x->kind == y->kind && ABS (y->start - x->start) < ABS (current->start - x->start))
                best = (int) j;
            }
          if (best < 0)
            {
              i++;
              continue;
            }
          g_ptr_array_add (diff->changes, change_new (PLT_CHANGE_CHANGED, x, g_ptr_array_index (after, best)));
          g_ptr_array_remove_index (before, i);
          g_ptr_array_remove_index (after, (guint) best);
        }
      for (guint i = 0; i < before->len; i++)
        g_ptr_array_add (diff->changes, change_new (PLT_CHANGE_REMOVED, g_ptr_array_index (before, i), NULL));
      for (guint j = 0; j < after->len; j++)
        g_ptr_array_add (diff->changes, change_new (PLT_CHANGE_ADDED, NULL, g_ptr_array_index (after, j)));
      g_ptr_array_sort (diff->changes, compare_changes);

      plt_date_to_string (&date, date_text);
      for (guint i = 0; audit != NULL && i < audit->len; i++)
        {
          const PltPlanningAudit *entry = g_ptr_array_index (audit, i);

          if (entry->revision > old_revision && g_strcmp0 (entry->action, "save") == 0 &&
              g_strcmp0 (entry->agent, diff->agent) == 0 && g_strcmp0 (entry->date, date_text) == 0 &&
              !g_hash_table_contains (seen, entry->by))
            {
              g_hash_table_add (seen, entry->by);
              g_strv_builder_add (by, entry->by);
            }
        }
      diff->changed_by = g_strv_builder_end (by);
      g_ptr_array_add (out, diff);
    }
  return out;
}
