/* plt-planning.c — the planning model: sites and weeks, agent-days made of
 * shifts made of activities, templates and weekly patterns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-planning.h"
#include "plt-planning-private.h"

G_DEFINE_QUARK (plt-planning-error-quark, plt_planning_error)

/* ---------------------------------------------------------------------------
 * Kinds
 */

static const char * const kind_names[] = {
  [PLT_ACTIVITY_WORK] = "work",
  [PLT_ACTIVITY_BREAK] = "break",
  [PLT_ACTIVITY_LUNCH] = "lunch",
  [PLT_ACTIVITY_TRAINING] = "training",
  [PLT_ACTIVITY_MEETING] = "meeting",
  [PLT_ACTIVITY_BACK_OFFICE] = "back_office",
  [PLT_ACTIVITY_OFF] = "off",
  [PLT_ACTIVITY_TIME_OFF] = "time_off",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == PLT_ACTIVITY_N_KINDS);

const char *
plt_activity_kind_to_string (PltActivityKind kind)
{
  g_return_val_if_fail (kind < PLT_ACTIVITY_N_KINDS, "work");
  return kind_names[kind];
}

gboolean
plt_activity_kind_from_string (const char      *str,
                               PltActivityKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (strcmp (str, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
plt_activity_kind_get_label (PltActivityKind kind)
{
  switch (kind)
    {
    case PLT_ACTIVITY_WORK: return _("Work");
    case PLT_ACTIVITY_BREAK: return _("Break");
    case PLT_ACTIVITY_LUNCH: return _("Lunch");
    case PLT_ACTIVITY_TRAINING: return _("Training");
    case PLT_ACTIVITY_MEETING: return _("Meeting");
    case PLT_ACTIVITY_BACK_OFFICE: return _("Back office");
    case PLT_ACTIVITY_OFF: return _("Off");
    case PLT_ACTIVITY_TIME_OFF: return _("Time off");
    case PLT_ACTIVITY_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
plt_activity_kind_is_working (PltActivityKind kind)
{
  switch (kind)
    {
    case PLT_ACTIVITY_WORK:
    case PLT_ACTIVITY_BREAK:
    case PLT_ACTIVITY_TRAINING:
    case PLT_ACTIVITY_MEETING:
    case PLT_ACTIVITY_BACK_OFFICE:
      return TRUE;
    case PLT_ACTIVITY_LUNCH:
    case PLT_ACTIVITY_OFF:
    case PLT_ACTIVITY_TIME_OFF:
    case PLT_ACTIVITY_N_KINDS:
    default:
      return FALSE;
    }
}

/* ---------------------------------------------------------------------------
 * Sites: local time
 */

PltSite *
plt_site_new (const char  *id,
              const char  *name,
              const char  *tz_id,
              GError     **error)
{
  PltSite *site;
  GTimeZone *tz;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (tz_id != NULL, NULL);

  /* g_time_zone_new_identifier() (2.68) says NULL for an unknown zone,
   * where g_time_zone_new() would quietly give UTC. */
  tz = g_time_zone_new_identifier (tz_id);
  if (tz == NULL)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                   _("“%s” is not a time zone this system knows"), tz_id);
      return NULL;
    }

  site = g_new0 (PltSite, 1);
  site->id = g_strdup (id);
  site->name = g_strdup (name != NULL ? name : id);
  site->tz_id = g_strdup (tz_id);
  site->tz = tz;
  return site;
}

PltSite *
plt_site_copy (const PltSite *site)
{
  PltSite *copy;

  if (site == NULL)
    return NULL;

  copy = g_new0 (PltSite, 1);
  copy->id = g_strdup (site->id);
  copy->name = g_strdup (site->name);
  copy->tz_id = g_strdup (site->tz_id);
  copy->tz = g_time_zone_ref (site->tz);
  return copy;
}

void
plt_site_free (PltSite *site)
{
  if (site == NULL)
    return;

  g_free (site->id);
  g_free (site->name);
  g_free (site->tz_id);
  g_clear_pointer (&site->tz, g_time_zone_unref);
  g_free (site);
}

/* The zone's offset from UTC at @utc_s, in seconds. */
static gint64
offset_at (const PltSite *site,
           gint64         utc_s)
{
  int interval = g_time_zone_find_interval (site->tz, G_TIME_TYPE_UNIVERSAL, utc_s);

  if (interval < 0)
    return 0;
  return g_time_zone_get_offset (site->tz, interval);
}

static guint32
epoch_julian (void)
{
  static guint32 julian;

  if (julian == 0)
    {
      GDate epoch;

      g_date_clear (&epoch, 1);
      g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
      julian = g_date_get_julian (&epoch);
    }
  return julian;
}

/* Seconds of @date at 00:00 as if local time were UTC. */
static gint64
date_local_seconds (const GDate *date)
{
  return ((gint64) g_date_get_julian (date) - (gint64) epoch_julian ()) * 86400;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* The UTC second of the wall-clock time @local_s (seconds since 1970 as if
 * local were UTC): gaps move forward, ambiguous times take the first. */
static gint64
local_to_utc (const PltSite *site,
              gint64         local_s)
{
  gint64 before = offset_at (site, local_s - 2 * 86400);
  gint64 after = offset_at (site, local_s + 2 * 86400);
  gint64 candidates[2] = { before, after };
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < 2; i++)
    {
      gint64 utc = local_s - candidates[i];

      if (offset_at (site, utc) == candidates[i] && utc < best)
        best = utc;
    }

  /* Also the offset right at the naive instant: a zone may change more
   * than once within four days. */
  {
    gint64 here = offset_at (site, local_s);
    gint64 utc = local_s - here;

    if (offset_at (site, utc) == here && utc < best)
      best = utc;
  }

  if (best != G_MAXINT64)
    return best;

  /* In a gap: read the wall clock with the offset of before the change,
   * which lands after the gap by its length. */
  return local_s - before;
}

gint64
plt_site_local_time (const PltSite *site,
                     const GDate   *date,
                     int            minute_of_day)
{
  g_return_val_if_fail (site != NULL, 0);
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return local_to_utc (site, date_local_seconds (date) + (gint64) minute_of_day * 60) * 1000;
}

gint64
plt_site_day_start (const PltSite *site,
                    const GDate   *date)
{
  return plt_site_local_time (site, date, 0);
}

void
plt_site_get_date (const PltSite *site,
                   gint64         time,
                   GDate         *date)
{
  gint64 utc_s = floor_div (time, 1000);
  gint64 local_s = utc_s + offset_at (site, utc_s);

  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (floor_div (local_s, 86400) + epoch_julian ()));
}

int
plt_site_minute_of_day (const PltSite *site,
                        gint64         time)
{
  gint64 utc_s = floor_div (time, 1000);
  gint64 local_s = utc_s + offset_at (site, utc_s);

  return (int) ((local_s - floor_div (local_s, 86400) * 86400) / 60);
}

gint64
plt_site_snap (const PltSite *site,
               gint64         time,
               guint          minutes)
{
  gint64 utc_s;
  gint64 local_ms;
  gint64 step;
  gint64 snapped;
  gint64 day;
  GDate date;

  g_return_val_if_fail (site != NULL, time);

  if (minutes <= 1)
    return floor_div (time + PLT_MS_PER_MINUTE / 2, PLT_MS_PER_MINUTE) * PLT_MS_PER_MINUTE;

  utc_s = floor_div (time, 1000);
  local_ms = time + offset_at (site, utc_s) * 1000;
  step = (gint64) minutes * PLT_MS_PER_MINUTE;
  snapped = floor_div (local_ms + step / 2, step) * step;
  day = floor_div (snapped, 86400 * (gint64) 1000);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + epoch_julian ()));
  return plt_site_local_time (site, &date, (int) ((snapped - day * 86400000) / PLT_MS_PER_MINUTE));
}

char *
plt_site_format_time (const PltSite *site,
                      gint64         time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (floor_div (time, 1000));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, site->tz);

  return g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
}

/* ---------------------------------------------------------------------------
 * Weeks and dates
 */

static void
week1_monday (int    year,
              GDate *monday)
{
  GDate jan4;

  g_date_clear (&jan4, 1);
  g_date_set_dmy (&jan4, 4, G_DATE_JANUARY, year);
  *monday = jan4;
  g_date_subtract_days (monday, g_date_get_weekday (&jan4) - G_DATE_MONDAY);
}

gboolean
plt_week_is_valid (const PltWeek *week)
{
  GDate monday;
  PltWeek back;

  if (week->year < 1900 || week->year > 9000 || week->week < 1 || week->week > 53)
    return FALSE;

  week1_monday (week->year, &monday);
  g_date_add_days (&monday, 7 * (week->week - 1));
  plt_week_from_date (&monday, &back);
  return back.year == week->year && back.week == week->week;
}

void
plt_week_get_monday (const PltWeek *week,
                     GDate         *monday)
{
  week1_monday (week->year, monday);
  g_date_add_days (monday, 7 * (week->week - 1));
}

void
plt_week_from_date (const GDate *date,
                    PltWeek     *week)
{
  GDate thursday = *date;
  int weekday = g_date_get_weekday (date);

  /* The ISO year is the year of the week's Thursday. */
  if (weekday <= G_DATE_THURSDAY)
    g_date_add_days (&thursday, G_DATE_THURSDAY - weekday);
  else
    g_date_subtract_days (&thursday, weekday - G_DATE_THURSDAY);
  week->year = g_date_get_year (&thursday);
  week->week = (int) g_date_get_iso8601_week_of_year (date);
}

void
plt_week_add (PltWeek *week,
              int      n)
{
  GDate monday;

  plt_week_get_monday (week, &monday);
  if (n >= 0)
    g_date_add_days (&monday, 7 * n);
  else
    g_date_subtract_days (&monday, 7 * -n);
  plt_week_from_date (&monday, week);
}

gboolean
plt_week_equal (const PltWeek *a,
                const PltWeek *b)
{
  return a->year == b->year && a->week == b->week;
}

gboolean
plt_week_from_string (const char *str,
                      PltWeek    *week)
{
  PltWeek parsed;
  char *end;

  if (str == NULL || strlen (str) < 7 || str[4] != '-' || str[5] != 'W')
    return FALSE;
  for (guint i = 0; i < 4; i++)
    if (!g_ascii_isdigit (str[i]))
      return FALSE;
  if (!g_ascii_isdigit (str[6]))
    return FALSE;

  parsed.year = (int) strtol (str, NULL, 10);
  parsed.week = (int) strtol (str + 6, &end, 10);
  if (*end != '\0' || end - (str + 6) != 2 || !plt_week_is_valid (&parsed))
    return FALSE;

  *week = parsed;
  return TRUE;
}

char *
plt_week_to_string (const PltWeek *week)
{
  return g_strdup_printf ("%04d-W%02d", week->year, week->week);
}

gboolean
plt_date_from_string (const char *str,
                      GDate      *date)
{
  int y, m, d;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  y = atoi (str);
  m = atoi (str + 5);
  d = atoi (str + 8);
  if (y < 1 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

void
plt_date_to_string (const GDate *date,
                    char         buffer[11])
{
  g_snprintf (buffer, 11, "%04u-%02u-%02u", g_date_get_year (date),
              (guint) g_date_get_month (date), g_date_get_day (date));
}

/* ---------------------------------------------------------------------------
 * Activities
 */

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  guint na = a != NULL ? g_strv_length ((GStrv) a) : 0;
  guint nb = b != NULL ? g_strv_length ((GStrv) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return TRUE;
}

static GStrv
strv_dup_nonempty (const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return NULL;
  return g_strdupv ((GStrv) strv);
}

PltActivity *
plt_activity_new (PltActivityKind     kind,
                  gint64              start,
                  gint64              end,
                  const char * const *queues)
{
  PltActivity *activity = g_new0 (PltActivity, 1);

  activity->kind = kind;
  activity->start = start;
  activity->end = end;
  activity->queues = kind == PLT_ACTIVITY_WORK ? strv_dup_nonempty (queues) : NULL;
  return activity;
}

PltActivity *
plt_activity_copy (const PltActivity *activity)
{
  return plt_activity_new (activity->kind, activity->start, activity->end,
                           (const char * const *) activity->queues);
}

void
plt_activity_free (PltActivity *activity)
{
  if (activity == NULL)
    return;
  g_strfreev (activity->queues);
  g_free (activity);
}

gboolean
plt_activity_same_kind (const PltActivity *a,
                        const PltActivity *b)
{
  return a->kind == b->kind &&
         strv_equal0 ((const char * const *) a->queues, (const char * const *) b->queues);
}

gboolean
plt_activity_equal (const PltActivity *a,
                    const PltActivity *b)
{
  return a->start == b->start && a->end == b->end && plt_activity_same_kind (a, b);
}

gboolean
plt_activity_serves_queue (const PltActivity  *activity,
                           const char * const *skills,
                           const char         *queue)
{
  const char * const *list;

  if (activity->kind != PLT_ACTIVITY_WORK)
    return FALSE;

  list = activity->queues != NULL ? (const char * const *) activity->queues : skills;
  return list != NULL && g_strv_contains (list, queue);
}

/* ---------------------------------------------------------------------------
 * Shifts
 */

PltShift *
plt_shift_new (const char         *id,
               gint64              start,
               gint64              end,
               const char * const *queues)
{
  PltShift *shift = g_new0 (PltShift, 1);

  shift->id = g_strdup (id);
  shift->start = start;
  shift->end = end;
  shift->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_activity_free);
  g_ptr_array_add (shift->activities, plt_activity_new (PLT_ACTIVITY_WORK, start, end, queues));
  return shift;
}

PltShift *
plt_shift_copy (const PltShift *shift)
{
  PltShift *copy = g_new0 (PltShift, 1);

  copy->id = g_strdup (shift->id);
  copy->start = shift->start;
  copy->end = shift->end;
  copy->activities = g_ptr_array_new_full (shift->activities->len, (GDestroyNotify) plt_activity_free);
  for (guint i = 0; i < shift->activities->len; i++)
    g_ptr_array_add (copy->activities, plt_activity_copy (g_ptr_array_index (shift->activities, i)));
  return copy;
}

void
plt_shift_free (PltShift *shift)
{
  if (shift == NULL)
    return;
  g_free (shift->id);
  g_clear_pointer (&shift->activities, g_ptr_array_unref);
  g_free (shift);
}

gboolean
plt_shift_equal (const PltShift *a,
                 const PltShift *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || a->start != b->start || a->end != b->end ||
      a->activities->len != b->activities->len)
    return FALSE;
  for (guint i = 0; i < a->activities->len; i++)
    if (!plt_activity_equal (g_ptr_array_index (a->activities, i), g_ptr_array_index (b->activities, i)))
      return FALSE;
  return TRUE;
}

static int
compare_activities (gconstpointer a,
                    gconstpointer b)
{
  const PltActivity *x = *(const PltActivity * const *) a;
  const PltActivity *y = *(const PltActivity * const *) b;

  return (x->start > y->start) - (x->start < y->start);
}

gboolean
plt_shift_normalize (PltShift  *shift,
                     GError   **error)
{
  GPtrArray *acts = shift->activities;

  /* Drop empty activities, sort, check contiguity. */
  for (guint i = acts->len; i > 0; i--)
    {
      PltActivity *a = g_ptr_array_index (acts, i - 1);

      if (a->end < a->start)
        {
          g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                       _("An activity ends before it starts"));
          return FALSE;
        }
      if (a->end == a->start)
        g_ptr_array_remove_index (acts, i - 1);
    }

  if (acts->len == 0)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                   _("A shift must hold at least one activity"));
      return FALSE;
    }

  g_ptr_array_sort (acts, compare_activities);

  for (guint i = 1; i < acts->len; )
    {
      PltActivity *prev = g_ptr_array_index (acts, i - 1);
      PltActivity *cur = g_ptr_array_index (acts, i);

      if (cur->start < prev->end)
        {
          g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_OVERLAP,
                       _("Two activities of a shift overlap"));
          return FALSE;
        }
      if (cur->start > prev->end)
        {
          g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                       _("The activities of a shift must follow each other without a gap"));
          return FALSE;
        }
      i++;
    }

  shift->start = ((PltActivity *) g_ptr_array_index (acts, 0))->start;
  shift->end = ((PltActivity *) g_ptr_array_index (acts, acts->len - 1))->end;

  if (shift->end - shift->start > PLT_PLANNING_MAX_SHIFT_MS)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                   _("A shift may not last more than 24 hours"));
      return FALSE;
    }
  return TRUE;
}

gint64
plt_shift_working_ms (const PltShift *shift)
{
  gint64 total = 0;

  for (guint i = 0; i < shift->activities->len; i++)
    {
      const PltActivity *a = g_ptr_array_index (shift->activities, i);

      if (plt_activity_kind_is_working (a->kind))
        total += a->end - a->start;
    }
  return total;
}

gboolean
plt_shift_is_working (const PltShift *shift)
{
  for (guint i = 0; i < shift->activities->len; i++)
    if (plt_activity_kind_is_working (((const PltActivity *) g_ptr_array_index (shift->activities, i))->kind))
      return TRUE;
  return FALSE;
}

const PltActivity *
plt_shift_activity_at (const PltShift *shift,
                       gint64          time)
{
  for (guint i = 0; i < shift->activities->len; i++)
    {
      const PltActivity *a = g_ptr_array_index (shift->activities, i);

      if (a->start <= time && time < a->end)
        return a;
    }
  return NULL;
}

/* ---------------------------------------------------------------------------
 * Absences
 */

PltAbsence *
plt_absence_new (gint64      start,
                 gint64      end,
                 const char *reason)
{
  PltAbsence *absence = g_new0 (PltAbsence, 1);

  absence->start = start;
  absence->end = end;
  absence->reason = g_strdup (reason);
  return absence;
}

PltAbsence *
plt_absence_copy (const PltAbsence *absence)
{
  return plt_absence_new (absence->start, absence->end, absence->reason);
}

void
plt_absence_free (PltAbsence *absence)
{
  if (absence == NULL)
    return;
  g_free (absence->reason);
  g_free (absence);
}

/* ---------------------------------------------------------------------------
 * Agent-days
 */

PltAgentDay *
plt_agent_day_new (const char  *agent,
                   const GDate *date)
{
  PltAgentDay *day = g_new0 (PltAgentDay, 1);

  g_return_val_if_fail (agent != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  day->agent = g_strdup (agent);
  day->date = *date;
  day->shifts = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_shift_free);
  day->absences = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_absence_free);
  day->ref_count = 1;
  return day;
}

PltAgentDay *
plt_agent_day_copy (const PltAgentDay *day)
{
  PltAgentDay *copy = plt_agent_day_new (day->agent, &day->date);

  for (guint i = 0; i < day->shifts->len; i++)
    g_ptr_array_add (copy->shifts, plt_shift_copy (g_ptr_array_index (day->shifts, i)));
  for (guint i = 0; i < day->absences->len; i++)
    g_ptr_array_add (copy->absences, plt_absence_copy (g_ptr_array_index (day->absences, i)));
  return copy;
}

PltAgentDay *
plt_agent_day_ref (PltAgentDay *day)
{
  g_return_val_if_fail (day != NULL, NULL);
  g_atomic_int_inc (&day->ref_count);
  return day;
}

void
plt_agent_day_unref (PltAgentDay *day)
{
  if (day == NULL || !g_atomic_int_dec_and_test (&day->ref_count))
    return;

  g_free (day->agent);
  g_ptr_array_unref (day->shifts);
  g_ptr_array_unref (day->absences);
  g_free (day);
}

gboolean
plt_agent_day_equal (const PltAgentDay *a,
                     const PltAgentDay *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return (a == NULL || plt_agent_day_is_empty (a)) && (b == NULL || plt_agent_day_is_empty (b));
  if (strcmp (a->agent, b->agent) != 0 || g_date_compare (&a->date, &b->date) != 0 ||
      a->shifts->len != b->shifts->len || a->absences->len != b->absences->len)
    return FALSE;
  for (guint i = 0; i < a->shifts->len; i++)
    if (!plt_shift_equal (g_ptr_array_index (a->shifts, i), g_ptr_array_index (b->shifts, i)))
      return FALSE;
  for (guint i = 0; i < a->absences->len; i++)
    {
      const PltAbsence *x = g_ptr_array_index (a->absences, i);
      const PltAbsence *y = g_ptr_array_index (b->absences, i);

      if (x->start != y->start || x->end != y->end || g_strcmp0 (x->reason, y->reason) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
plt_agent_day_is_empty (const PltAgentDay *day)
{
  return day->shifts->len == 0 && day->absences->len == 0;
}

void
plt_agent_day_add_shift (PltAgentDay *day,
                         PltShift    *shift)
{
  guint i;

  g_return_if_fail (!day->frozen);

  for (i = 0; i < day->shifts->len; i++)
    if (((PltShift *) g_ptr_array_index (day->shifts, i))->start > shift->start)
      break;
  g_ptr_array_insert (day->shifts, (int) i, shift);
}

char *
plt_agent_day_key (const char  *agent,
                   const GDate *date)
{
  char buffer[11];

  plt_date_to_string (date, buffer);
  return g_strdup_printf ("%s|%s", agent, buffer);
}

gboolean
plt_agent_day_key_parse (const char  *key,
                         char       **agent,
                         GDate       *date)
{
  const char *bar = key != NULL ? strrchr (key, '|') : NULL;

  if (bar == NULL || bar == key || !plt_date_from_string (bar + 1, date))
    return FALSE;
  if (agent != NULL)
    *agent = g_strndup (key, bar - key);
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Schedules
 */

struct _PltSchedule
{
  gint         ref_count;
  gboolean     read_only;
  GHashTable  *days;        /* key → PltAgentDay* (ref) */
  GHashTable  *shift_keys;  /* shift id → key (owned) */
  guint64      next_id;
};

PltSchedule *
plt_schedule_new (void)
{
  PltSchedule *self = g_new0 (PltSchedule, 1);

  self->ref_count = 1;
  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) plt_agent_day_unref);
  self->shift_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

PltSchedule *
plt_schedule_copy (PltSchedule *self)
{
  PltSchedule *copy = plt_schedule_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->days, g_strdup (key), plt_agent_day_ref (value));
  g_hash_table_iter_init (&iter, self->shift_keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->shift_keys, g_strdup (key), g_strdup (value));
  copy->next_id = self->next_id;
  return copy;
}

PltSchedule *
plt_schedule_ref (PltSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
plt_schedule_unref (PltSchedule *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_hash_table_unref (self->days);
  g_hash_table_unref (self->shift_keys);
  g_free (self);
}

void
plt_schedule_set_read_only (PltSchedule *self)
{
  self->read_only = TRUE;
}

gboolean
plt_schedule_is_read_only (PltSchedule *self)
{
  return self->read_only;
}

PltAgentDay *
plt_schedule_lookup (PltSchedule *self,
                     const char  *agent,
                     const GDate *date)
{
  g_autofree char *key = plt_agent_day_key (agent, date);

  return g_hash_table_lookup (self->days, key);
}

PltAgentDay *
plt_schedule_dup_day (PltSchedule *self,
                      const char  *agent,
                      const GDate *date)
{
  PltAgentDay *day = plt_schedule_lookup (self, agent, date);

  return day != NULL ? plt_agent_day_copy (day) : plt_agent_day_new (agent, date);
}

gboolean
plt_schedule_set_day (PltSchedule  *self,
                      PltAgentDay  *day,
                      GError      **error)
{
  g_autofree char *key = plt_agent_day_key (day->agent, &day->date);
  PltAgentDay *old;

  if (self->read_only)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_READ_ONLY,
                   _("A published version cannot be changed"));
      return FALSE;
    }

  for (guint i = 0; i < day->shifts->len; i++)
    {
      const PltShift *shift = g_ptr_array_index (day->shifts, i);
      const char *owner = g_hash_table_lookup (self->shift_keys, shift->id);

      if (owner != NULL && strcmp (owner, key) != 0)
        {
          g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                       _("The shift id “%s” is already used"), shift->id);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (((const PltShift *) g_ptr_array_index (day->shifts, j))->id, shift->id) == 0)
          {
            g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                         _("The shift id “%s” is already used"), shift->id);
            return FALSE;
          }
    }

  old = g_hash_table_lookup (self->days, key);
  if (old != NULL)
    for (guint i = 0; i < old->shifts->len; i++)
      g_hash_table_remove (self->shift_keys, ((const PltShift *) g_ptr_array_index (old->shifts, i))->id);

  if (plt_agent_day_is_empty (day))
    {
      g_hash_table_remove (self->days, key);
      return TRUE;
    }

  day->frozen = TRUE;
  for (guint i = 0; i < day->shifts->len; i++)
    g_hash_table_insert (self->shift_keys,
                         g_strdup (((const PltShift *) g_ptr_array_index (day->shifts, i))->id),
                         g_strdup (key));
  g_hash_table_insert (self->days, g_steal_pointer (&key), plt_agent_day_ref (day));
  return TRUE;
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const PltAgentDay *x = *(const PltAgentDay * const *) a;
  const PltAgentDay *y = *(const PltAgentDay * const *) b;
  int c = strcmp (x->agent, y->agent);

  return c != 0 ? c : g_date_compare (&x->date, &y->date);
}

GPtrArray *
plt_schedule_list_days (PltSchedule *self)
{
  GPtrArray *list = g_ptr_array_new_full (g_hash_table_size (self->days), NULL);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  g_ptr_array_sort (list, compare_days);
  return list;
}

GPtrArray *
plt_schedule_list_agent_days (PltSchedule *self,
                              const char  *agent,
                              const GDate *from,
                              const GDate *to)
{
  GPtrArray *list = g_ptr_array_new ();
  GDate date = *from;

  while (g_date_compare (&date, to) <= 0)
    {
      PltAgentDay *day = plt_schedule_lookup (self, agent, &date);

      if (day != NULL)
        g_ptr_array_add (list, day);
      g_date_add_days (&date, 1);
    }
  return list;
}

guint
plt_schedule_get_n_days (PltSchedule *self)
{
  return g_hash_table_size (self->days);
}

PltAgentDay *
plt_schedule_find_shift (PltSchedule     *self,
                         const char      *shift_id,
                         const PltShift **shift)
{
  const char *key = g_hash_table_lookup (self->shift_keys, shift_id);
  PltAgentDay *day;

  if (key == NULL)
    return NULL;

  day = g_hash_table_lookup (self->days, key);
  for (guint i = 0; day != NULL && i < day->shifts->len; i++)
    {
      const PltShift *s = g_ptr_array_index (day->shifts, i);

      if (strcmp (s->id, shift_id) == 0)
        {
          if (shift != NULL)
            *shift = s;
          return day;
        }
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
plt_schedule_diff_keys (PltSchedule *a,
                        PltSchedule *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!plt_agent_day_equal (value, g_hash_table_lookup (b->days, key)))
      g_ptr_array_add (keys, key);
  g_hash_table_iter_init (&iter, b->days);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a->days, key))
      g_ptr_array_add (keys, key);

  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (keys, i));
  return g_strv_builder_end (builder);
}

gboolean
plt_schedule_equal (PltSchedule *a,
                    PltSchedule *b)
{
  g_auto(GStrv) keys = plt_schedule_diff_keys (a, b);

  return keys[0] == NULL;
}

char *
plt_schedule_new_shift_id (PltSchedule *self,
                           const char  *prefix)
{
  for (;;)
    {
      char *id = g_strdup_printf ("s-%s-%" G_GUINT64_FORMAT, prefix != NULL ? prefix : "x",
                                  ++self->next_id);

      if (!g_hash_table_contains (self->shift_keys, id))
        return id;
      g_free (id);
    }
}

/* ---------------------------------------------------------------------------
 * Agents, templates, patterns
 */

PltPlanningAgent *
plt_planning_agent_new (const char         *id,
                        const char         *name,
                        const char         *team,
                        const char * const *skills)
{
  PltPlanningAgent *agent = g_new0 (PltPlanningAgent, 1);
  const char *none[] = { NULL };

  agent->id = g_strdup (id);
  agent->name = g_strdup (name != NULL ? name : id);
  agent->team = g_strdup (team);
  agent->skills = g_strdupv ((GStrv) (skills != NULL ? skills : none));
  return agent;
}

PltPlanningAgent *
plt_planning_agent_copy (const PltPlanningAgent *agent)
{
  return plt_planning_agent_new (agent->id, agent->name, agent->team,
                                 (const char * const *) agent->skills);
}

void
plt_planning_agent_free (PltPlanningAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->id);
  g_free (agent->name);
  g_free (agent->team);
  g_strfreev (agent->skills);
  g_free (agent);
}

gboolean
plt_planning_agent_has_skill (const PltPlanningAgent *agent,
                              const char             *queue)
{
  return g_strv_contains ((const char * const *) agent->skills, queue);
}

static void
template_activity_free (gpointer data)
{
  PltTemplateActivity *a = data;

  g_strfreev (a->queues);
  g_free (a);
}

PltShiftTemplate *
plt_shift_template_new (const char         *id,
                        const char         *name,
                        guint               start_min,
                        guint               minutes,
                        const char * const *queues)
{
  PltShiftTemplate *self = g_new0 (PltShiftTemplate, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  self->start_min = start_min;
  self->minutes = minutes;
  self->queues = strv_dup_nonempty (queues);
  self->activities = g_ptr_array_new_with_free_func (template_activity_free);
  return self;
}

void
plt_shift_template_add (PltShiftTemplate   *self,
                        PltActivityKind     kind,
                        guint               offset_min,
                        guint               minutes,
                        const char * const *queues)
{
  PltTemplateActivity *a = g_new0 (PltTemplateActivity, 1);

  a->kind = kind;
  a->offset_min = offset_min;
  a->minutes = minutes;
  a->queues = kind == PLT_ACTIVITY_WORK ? strv_dup_nonempty (queues) : NULL;
  g_ptr_array_add (self->activities, a);
}

PltShiftTemplate *
plt_shift_template_copy (const PltShiftTemplate *self)
{
  PltShiftTemplate *copy = plt_shift_template_new (self->id, self->name, self->start_min, self->minutes,
                                                   (const char * const *) self->queues);

  for (guint i = 0; i < self->activities->len; i++)
    {
      const PltTemplateActivity *a = g_ptr_array_index (self->activities, i);

      plt_shift_template_add (copy, a->kind, a->offset_min, a->minutes, (const char * const *) a->queues);
    }
  return copy;
}

void
plt_shift_template_free (PltShiftTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_strfreev (self->queues);
  g_ptr_array_unref (self->activities);
  g_free (self);
}

/* Puts @activity over whatever @shift holds between its start and end
 * (which must lie within the shift), splitting what it covers. */
static void
overlay_activity (PltShift    *shift,
                  PltActivity *activity)
{
  GPtrArray *acts = shift->activities;

  for (guint i = 0; i < acts->len; i++)
    {
      PltActivity *a = g_ptr_array_index (acts, i);

      if (a->end <= activity->start || a->start >= activity->end)
        continue;

      if (a->start < activity->start && a->end > activity->end)
        {
          PltActivity *tail = plt_activity_copy (a);

          tail->start = activity->end;
          a->end = activity->start;
          g_ptr_array_insert (acts, (int) i + 1, tail);
          i++;
        }
      else if (a->start < activity->start)
        a->end = activity->start;
      else if (a->end > activity->end)
        a->start = activity->end;
      else
        a->end = a->start;   /* covered whole: dropped by normalize */
    }
  g_ptr_array_add (acts, activity);
}

void
_plt_shift_overlay (PltShift    *shift,
                    PltActivity *activity)
{
  overlay_activity (shift, activity);
}

PltShift *
plt_shift_template_instantiate (const PltShiftTemplate *self,
                                const PltSite          *site,
                                const GDate            *date,
                                const char             *shift_id,
                                GError                **error)
{
  g_autoptr(PltShift) shift = NULL;
  gint64 start;
  gint64 end;

  if (self->minutes == 0 || self->minutes * PLT_MS_PER_MINUTE > PLT_PLANNING_MAX_SHIFT_MS ||
      self->start_min >= 24 * 60)
    {
      g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                   _("The template “%s” has an invalid start or length"), self->name);
      return NULL;
    }

  start = plt_site_local_time (site, date, (int) self->start_min);
  end = start + self->minutes * PLT_MS_PER_MINUTE;
  shift = plt_shift_new (shift_id, start, end, (const char * const *) self->queues);

  for (guint i = 0; i < self->activities->len; i++)
    {
      const PltTemplateActivity *a = g_ptr_array_index (self->activities, i);
      gint64 a_start = start + a->offset_min * PLT_MS_PER_MINUTE;
      gint64 a_end = a_start + a->minutes * PLT_MS_PER_MINUTE;

      if (a->minutes == 0 || a_end > end)
        {
          g_set_error (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID,
                       _("An activity of the template “%s” lies outside the shift"), self->name);
          return NULL;
        }
      overlay_activity (shift, plt_activity_new (a->kind, a_start, a_end, (const char * const *) a->queues));
    }

  if (!plt_shift_normalize (shift, error))
    return NULL;
  return g_steal_pointer (&shift);
}

PltWeeklyPattern *
plt_weekly_pattern_new (const char *id,
                        const char *name)
{
  PltWeeklyPattern *self = g_new0 (PltWeeklyPattern, 1);

  self->id = g_strdup (id);
  self->name = g_strdup (name != NULL ? name : id);
  return self;
}

void
plt_weekly_pattern_set_day (PltWeeklyPattern *self,
                            GDateWeekday      weekday,
                            const char       *template_id)
{
  g_return_if_fail (weekday >= G_DATE_MONDAY && weekday <= G_DATE_SUNDAY);

  g_free (self->days[weekday - 1]);
  self->days[weekday - 1] = g_strdup (template_id);
}

PltWeeklyPattern *
plt_weekly_pattern_copy (const PltWeeklyPattern *self)
{
  PltWeeklyPattern *copy = plt_weekly_pattern_new (self->id, self->name);

  for (guint i = 0; i < 7; i++)
    copy->days[i] = g_strdup (self->days[i]);
  return copy;
}

void
plt_weekly_pattern_free (PltWeeklyPattern *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  for (guint i = 0; i < 7; i++)
    g_free (self->days[i]);
  g_free (self);
}

/* ---------------------------------------------------------------------------
 * JSON
 */

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  if (strv == NULL || strv[0] == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

void
plt_agent_day_to_json (const PltAgentDay *day,
                       JsonBuilder       *builder)
{
  char date[11];

  plt_date_to_string (&day->date, date);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "agent");
  json_builder_add_string_value (builder, day->agent);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);

  if (day->shifts->len > 0)
    {
      json_builder_set_member_name (builder, "shifts");
      json_builder_begin_array (builder);
      for (guint i = 0; i < day->shifts->len; i++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, shift->id);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, shift->start);
          json_builder_set_member_name (builder, "acts");
          json_builder_begin_array (builder);
          for (guint j = 0; j < shift->activities->len; j++)
            {
              const PltActivity *a = g_ptr_array_index (shift->activities, j);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "kind");
              json_builder_add_string_value (builder, plt_activity_kind_to_string (a->kind));
              json_builder_set_member_name (builder, "min");
              json_builder_add_int_value (builder, (a->end - a->start) / PLT_MS_PER_MINUTE);
              add_strv (builder, "queues", (const char * const *) a->queues);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  if (day->absences->len > 0)
    {
      json_builder_set_member_name (builder, "absences");
      json_builder_begin_array (builder);
      for (guint i = 0; i < day->absences->len; i++)
        {
          const PltAbsence *absence = g_ptr_array_index (day->absences, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "start");
          json_builder_add_int_value (builder, absence->start);
          json_builder_set_member_name (builder, "end");
          json_builder_add_int_value (builder, absence->end);
          if (absence->reason != NULL)
            {
              json_builder_set_member_name (builder, "reason");
              json_builder_add_string_value (builder, absence->reason);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

G_GNUC_PRINTF (2, 3)
static gboolean
json_fail (GError    **error,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PLT_PLANNING_ERROR, PLT_PLANNING_ERROR_INVALID, text);
  return FALSE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *name,
            gboolean     optional,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      if (optional)
        return TRUE;
      return json_fail (error, "field “%s” is missing", name);
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return json_fail (error, "field “%s” must be a string", name);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL)
    return json_fail (error, "field “%s” is missing", name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return json_fail (error, "field “%s” must be an integer", name);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return json_fail (error, "field “%s” is out of range", name);
  *out = value;
  return TRUE;
}

/* An optional array member: NULL when absent or null. */
static gboolean
get_array (JsonObject  *object,
           const char  *name,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return json_fail (error, "field “%s” must be an array", name);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_strv (JsonObject  *object,
          const char  *name,
          GStrv       *out,
          GError     **error)
{
  JsonArray *array;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  *out = NULL;
  if (!get_array (object, name, &array, error))
    return FALSE;
  if (array == NULL || json_array_get_length (array) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return json_fail (error, "field “%s[%u]” must be a string", name, i);
      g_strv_builder_add (builder, json_node_get_string (node));
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

#define MAX_TIME ((gint64) 253402300799000)   /* 9999-12-31 */

static PltShift *
shift_from_json (JsonNode  *node,
                 GError   **error)
{
  g_autoptr(PltShift) shift = NULL;
  JsonObject *object;
  JsonArray *acts;
  const char *id;
  gint64 start;
  gint64 at;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return json_fail (error, "a shift must be an object"), NULL;
  object = json_node_get_object (node);

  if (!get_string (object, "id", FALSE, &id, error) ||
      !get_int (object, "start", 0, MAX_TIME, &start, error) ||
      !get_array (object, "acts", &acts, error))
    return NULL;
  if (*id == '\0' || strlen (id) > 64)
    return json_fail (error, "field “id” must be 1 to 64 bytes"), NULL;
  if (acts == NULL || json_array_get_length (acts) == 0)
    return json_fail (error, "field “acts” must list the shift's activities"), NULL;
  if (start % PLT_MS_PER_MINUTE != 0)
    return json_fail (error, "field “start” must be a whole minute"), NULL;

  shift = g_new0 (PltShift, 1);
  shift->id = g_strdup (id);
  shift->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_activity_free);
  at = start;

  for (guint i = 0; i < json_array_get_length (acts); i++)
    {
      JsonNode *element = json_array_get_element (acts, i);
      JsonObject *a;
      const char *kind_str;
      PltActivityKind kind;
      gint64 minutes;
      g_auto(GStrv) queues = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return json_fail (error, "field “acts[%u]” must be an object", i), NULL;
      a = json_node_get_object (element);
      if (!get_string (a, "kind", FALSE, &kind_str, error) ||
          !get_int (a, "min", 1, 24 * 60, &minutes, error) ||
          !get_strv (a, "queues", &queues, error))
        return NULL;
      if (!plt_activity_kind_from_string (kind_str, &kind))
        return json_fail (error, "field “acts[%u].kind” is not an activity (“%s”)", i, kind_str), NULL;

      g_ptr_array_add (shift->activities,
                       plt_activity_new (kind, at, at + minutes * PLT_MS_PER_MINUTE,
                                         (const char * const *) queues));
      at += minutes * PLT_MS_PER_MINUTE;
    }

  if (!plt_shift_normalize (shift, error))
    return NULL;
  return g_steal_pointer (&shift);
}

PltAgentDay *
plt_agent_day_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PltAgentDay) day = NULL;
  JsonObject *object;
  JsonArray *shifts;
  JsonArray *absences;
  const char *agent;
  const char *date_str;
  GDate date;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_fail (error, "an agent-day must be an object"), NULL;
  object = json_node_get_object (node);

  if (!get_string (object, "agent", FALSE, &agent, error) ||
      !get_string (object, "date", FALSE, &date_str, error) ||
      !get_array (object, "shifts", &shifts, error) ||
      !get_array (object, "absences", &absences, error))
    return NULL;
  if (*agent == '\0' || strlen (agent) > 64 || strchr (agent, '|') != NULL)
    return json_fail (error, "field “agent” must be an agent id"), NULL;
  if (!plt_date_from_string (date_str, &date))
    return json_fail (error, "field “date” must be a date YYYY-MM-DD (“%s”)", date_str), NULL;

  day = plt_agent_day_new (agent, &date);

  for (guint i = 0; shifts != NULL && i < json_array_get_length (shifts); i++)
    {
      PltShift *shift = shift_from_json (json_array_get_element (shifts, i), error);

      if (shift == NULL)
        {
          g_prefix_error (error, "shifts[%u]: ", i);
          return NULL;
        }
      plt_agent_day_add_shift (day, shift);
    }

  for (guint i = 0; absences != NULL && i < json_array_get_length (absences); i++)
    {
      JsonNode *element = json_array_get_element (absences, i);
      JsonObject *a;
      gint64 start, end;
      const char *reason;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return json_fail (error, "field “absences[%u]” must be an object", i), NULL;
      a = json_node_get_object (element);
      if (!get_int (a, "start", 0, MAX_TIME, &start, error) ||
          !get_int (a, "end", 0, MAX_TIME, &end, error) ||
          !get_string (a, "reason", TRUE, &reason, error))
        return NULL;
      if (end <= start)
        return json_fail (error, "field “absences[%u].end” must be after its start", i), NULL;
      g_ptr_array_add (day->absences, plt_absence_new (start, end, reason));
    }

  /* Overlapping shifts are kept: the overlap rule reports them. */
  return g_steal_pointer (&day);
}

void
plt_schedule_to_json (PltSchedule *schedule,
                      JsonBuilder *builder)
{
  g_autoptr(GPtrArray) days = plt_schedule_list_days (schedule);

  json_builder_begin_array (builder);
  for (guint i = 0; i < days->len; i++)
    plt_agent_day_to_json (g_ptr_array_index (days, i), builder);
  json_builder_end_array (builder);
}

PltSchedule *
plt_schedule_from_json (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(PltSchedule) schedule = plt_schedule_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return json_fail (error, "the days must be an array"), NULL;
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(PltAgentDay) day = plt_agent_day_from_json (json_array_get_element (array, i), error);

      if (day == NULL || !plt_schedule_set_day (schedule, day, error))
        {
          g_prefix_error (error, "days[%u]: ", i);
          return NULL;
        }
    }
  return g_steal_pointer (&schedule);
}

void
plt_shift_template_to_json (const PltShiftTemplate *self,
                            JsonBuilder            *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, self->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, self->name);
  json_builder_set_member_name (builder, "start_min");
  json_builder_add_int_value (builder, self->start_min);
  json_builder_set_member_name (builder, "minutes");
  json_builder_add_int_value (builder, self->minutes);
  add_strv (builder, "queues", (const char * const *) self->queues);
  json_builder_set_member_name (builder, "acts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->activities->len; i++)
    {
      const PltTemplateActivity *a = g_ptr_array_index (self->activities, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, plt_activity_kind_to_string (a->kind));
      json_builder_set_member_name (builder, "at");
      json_builder_add_int_value (builder, a->offset_min);
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, a->minutes);
      add_strv (builder, "queues", (const char * const *) a->queues);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

PltShiftTemplate *
plt_shift_template_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(PltShiftTemplate) self = NULL;
  g_auto(GStrv) queues = NULL;
  JsonObject *object;
  JsonArray *acts;
  const char *id, *name;
  gint64 start_min, minutes;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_fail (error, "a template must be an object"), NULL;
  object = json_node_get_object (node);
  if (!get_string (object, "id", FALSE, &id, error) ||
      !get_string (object, "name", TRUE, &name, error) ||
      !get_int (object, "start_min", 0, 24 * 60 - 1, &start_min, error) ||
      !get_int (object, "minutes", 1, 24 * 60, &minutes, error) ||
      !get_strv (object, "queues", &queues, error) ||
      !get_array (object, "acts", &acts, error))
    return NULL;

  self = plt_shift_template_new (id, name, (guint) start_min, (guint) minutes, (const char * const *) queues);
  for (guint i = 0; acts != NULL && i < json_array_get_length (acts); i++)
    {
      JsonNode *element = json_array_get_element (acts, i);
      g_auto(GStrv) a_queues = NULL;
      const char *kind_str;
      PltActivityKind kind;
      gint64 at, min;
      JsonObject *a;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return json_fail (error, "field “acts[%u]” must be an object", i), NULL;
      a = json_node_get_object (element);
      if (!get_string (a, "kind", FALSE, &kind_str, error) ||
          !get_int (a, "at", 0, minutes - 1, &at, error) ||
          !get_int (a, "min", 1, minutes, &min, error) ||
          !get_strv (a, "queues", &a_queues, error))
        return NULL;
      if (!plt_activity_kind_from_string (kind_str, &kind))
        return json_fail (error, "field “acts[%u].kind” is not an activity (“%s”)", i, kind_str), NULL;
      plt_shift_template_add (self, kind, (guint) at, (guint) min, (const char * const *) a_queues);
    }
  return g_steal_pointer (&self);
}
