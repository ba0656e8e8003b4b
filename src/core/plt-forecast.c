/* plt-forecast.c — the forecast per queue and 15-minute interval, the
 * agents it requires, and how the planned shifts cover it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "plt-export.h"
#include "plt-forecast.h"

G_DEFINE_QUARK (plt-forecast-error-quark, plt_forecast_error)

#define DEFAULT_PATIENCE_S 120.0
#define MAX_ROW_ERRORS     200

typedef struct
{
  char   *id;
  double  patience_s;
  double *calls;   /* n_intervals */
  double *aht;     /* n_intervals */
} Queue;

struct _PltForecast
{
  gint64      start;
  guint       n_intervals;
  GPtrArray  *queues;      /* Queue* */
  GHashTable *by_id;       /* id → index + 1 */
};

static void
queue_free (gpointer data)
{
  Queue *q = data;

  g_free (q->id);
  g_free (q->calls);
  g_free (q->aht);
  g_free (q);
}

PltForecast *
plt_forecast_new (gint64 start,
                  guint  n_intervals)
{
  PltForecast *self = g_new0 (PltForecast, 1);

  self->start = start;
  self->n_intervals = n_intervals;
  self->queues = g_ptr_array_new_with_free_func (queue_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

PltForecast *
plt_forecast_new_for_week (const PltSite *site,
                           const PltWeek *week)
{
  GDate monday, next;
  gint64 start, end;

  plt_week_get_monday (week, &monday);
  next = monday;
  g_date_add_days (&next, 7);
  start = plt_site_day_start (site, &monday);
  end = plt_site_day_start (site, &next);
  return plt_forecast_new (start, (guint) ((end - start) / PLT_FORECAST_INTERVAL_MS));
}

void
plt_forecast_free (PltForecast *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->queues);
  g_free (self);
}

gint64
plt_forecast_get_start (PltForecast *self)
{
  return self->start;
}

guint
plt_forecast_get_n_intervals (PltForecast *self)
{
  return self->n_intervals;
}

int
plt_forecast_interval_at (PltForecast *self,
                          gint64       time)
{
  gint64 i;

  if (time < self->start)
    return -1;
  i = (time - self->start) / PLT_FORECAST_INTERVAL_MS;
  return i < self->n_intervals ? (int) i : -1;
}

guint
plt_forecast_add_queue (PltForecast *self,
                        const char  *queue)
{
  gpointer found = g_hash_table_lookup (self->by_id, queue);
  Queue *q;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  q = g_new0 (Queue, 1);
  q->id = g_strdup (queue);
  q->calls = g_new0 (double, MAX (self->n_intervals, 1));
  q->aht = g_new0 (double, MAX (self->n_intervals, 1));
  g_ptr_array_add (self->queues, q);
  g_hash_table_insert (self->by_id, q->id, GUINT_TO_POINTER (self->queues->len));
  return self->queues->len - 1;
}

int
plt_forecast_find_queue (PltForecast *self,
                         const char  *queue)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->by_id, queue)) - 1;
}

guint
plt_forecast_get_n_queues (PltForecast *self)
{
  return self->queues->len;
}

const char *
plt_forecast_get_queue (PltForecast *self,
                        guint        queue)
{
  g_return_val_if_fail (queue < self->queues->len, NULL);
  return ((Queue *) g_ptr_array_index (self->queues, queue))->id;
}

void
plt_forecast_set (PltForecast *self,
                  guint        queue,
                  guint        interval,
                  double       calls,
                  double       aht_s)
{
  Queue *q;

  g_return_if_fail (queue < self->queues->len && interval < self->n_intervals);
  q = g_ptr_array_index (self->queues, queue);
  q->calls[interval] = calls;
  q->aht[interval] = aht_s;
}

double
plt_forecast_get_calls (PltForecast *self,
                        guint        queue,
                        guint        interval)
{
  g_return_val_if_fail (queue < self->queues->len && interval < self->n_intervals, 0);
  return ((Queue *) g_ptr_array_index (self->queues, queue))->calls[interval];
}

double
plt_forecast_get_aht (PltForecast *self,
                      guint        queue,
                      guint        interval)
{
  g_return_val_if_fail (queue < self->queues->len && interval < self->n_intervals, 0);
  return ((Queue *) g_ptr_array_index (self->queues, queue))->aht[interval];
}

void
plt_forecast_set_patience (PltForecast *self,
                           guint        queue,
                           double       patience_s)
{
  g_return_if_fail (queue < self->queues->len);
  ((Queue *) g_ptr_array_index (self->queues, queue))->patience_s = patience_s;
}

double
plt_forecast_get_patience (PltForecast *self,
                           guint        queue)
{
  g_return_val_if_fail (queue < self->queues->len, 0);
  return ((Queue *) g_ptr_array_index (self->queues, queue))->patience_s;
}

/* ---------------------------------------------------------------------------
 * History
 */

#define SLOTS (24 * 4)

typedef struct
{
  double offered[7][SLOTS];
  double handle_ms[7][SLOTS];
  double handled[7][SLOTS];
} QueueHistory;

struct _PltHistory
{
  PltSite    *site;
  gint64      from;
  gint64      to;
  GHashTable *queues;    /* id → QueueHistory* */
  GPtrArray  *order;     /* ids in the order met */
};

PltHistory *
plt_history_new (const PltSite *site,
                 gint64         from,
                 gint64         to)
{
  PltHistory *self = g_new0 (PltHistory, 1);

  self->site = plt_site_copy (site);
  self->from = from;
  self->to = to;
  self->queues = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->order = g_ptr_array_new ();
  return self;
}

void
plt_history_free (PltHistory *self)
{
  if (self == NULL)
    return;
  plt_site_free (self->site);
  g_ptr_array_unref (self->order);
  g_hash_table_unref (self->queues);
  g_free (self);
}

void
plt_history_add (PltHistory             *self,
                 const PltContactRecord *record)
{
  QueueHistory *q;
  GDate date;
  int weekday, slot;

  if (record->media == PLT_QUEUE_MEDIA_OUTBOUND || record->queue == NULL ||
      record->enqueued < self->from || record->enqueued >= self->to)
    return;

  q = g_hash_table_lookup (self->queues, record->queue);
  if (q == NULL)
    {
      char *id = g_strdup (record->queue);

      q = g_new0 (QueueHistory, 1);
      g_hash_table_insert (self->queues, id, q);
      g_ptr_array_add (self->order, id);
    }

  plt_site_get_date (self->site, record->enqueued, &date);
  weekday = g_date_get_weekday (&date) - 1;
  slot = plt_site_minute_of_day (self->site, record->enqueued) / 15;
  q->offered[weekday][slot] += 1;

  if (record->answered != 0 && record->ended != 0)
    {
      gint64 handle = record->ended - record->answered;

      if (record->wrap_end > record->ended)
        handle += record->wrap_end - record->ended;
      q->handle_ms[weekday][slot] += (double) handle;
      q->handled[weekday][slot] += 1;
    }
}

gboolean
plt_history_add_func (const PltContactRecord *record,
                      gpointer                history)
{
  plt_history_add (history, record);
  return TRUE;
}

void
plt_history_forecast (PltHistory  *self,
                      PltForecast *forecast,
                      double       default_aht_s)
{
  int days_per_weekday[7] = { 0 };
  GDate date, last;

  /* How many of each weekday the history spans. */
  plt_site_get_date (self->site, self->from, &date);
  plt_site_get_date (self->site, self->to - 1, &last);
  for (; g_date_compare (&date, &last) <= 0; g_date_add_days (&date, 1))
    days_per_weekday[g_date_get_weekday (&date) - 1]++;

  for (guint i = 0; i < self->order->len; i++)
    {
      const char *id = g_ptr_array_index (self->order, i);
      QueueHistory *q = g_hash_table_lookup (self->queues, id);
      guint index = plt_forecast_add_queue (forecast, id);
      double queue_handle = 0, queue_handled = 0;
      double day_handle[7] = { 0 }, day_handled[7] = { 0 };

      for (int d = 0; d < 7; d++)
        for (int s = 0; s < SLOTS; s++)
          {
            day_handle[d] += q->handle_ms[d][s];
            day_handled[d] += q->handled[d][s];
          }
      for (int d = 0; d < 7; d++)
        {
          queue_handle += day_handle[d];
          queue_handled += day_handled[d];
        }

      for (guint n = 0; n < forecast->n_intervals; n++)
        {
          gint64 t = forecast->start + (gint64) n * PLT_FORECAST_INTERVAL_MS;
          int d, s;
          double aht;

          plt_site_get_date (self->site, t, &date);
          d = g_date_get_weekday (&date) - 1;
          s = plt_site_minute_of_day (self->site, t) / 15;

          if (q->handled[d][s] > 0)
            aht = q->handle_ms[d][s] / q->handled[d][s] / 1000.0;
          else if (day_handled[d] > 0)
            aht = day_handle[d] / day_handled[d] / 1000.0;
          else if (queue_handled > 0)
            aht = queue_handle / queue_handled / 1000.0;
          else
            aht = default_aht_s;

          plt_forecast_set (forecast, index, n,
                            days_per_weekday[d] > 0 ? q->offered[d][s] / days_per_weekday[d] : 0.0, aht);
        }
    }
}

/* ---------------------------------------------------------------------------
 * CSV import
 */

void
plt_csv_row_error_free (PltCsvRowError *error)
{
  if (error == NULL)
    return;
  g_free (error->message);
  g_free (error);
}

G_GNUC_PRINTF (3, 4)
static void
row_error (GPtrArray  *errors,
           guint       line,
           const char *format,
           ...)
{
  PltCsvRowError *e = g_new0 (PltCsvRowError, 1);
  va_list args;

  e->line = line;
  va_start (args, format);
  e->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (errors, e);
}

static gboolean
parse_number (const char *text,
              double     *out)
{
  char *end;
  double value;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* "2026-06-01T08:00" (local), optionally ":00" seconds, and an offset
 * "Z", "+02:00" or "-0530". */
static gboolean
parse_interval_start (const PltSite *site,
                      const char    *text,
                      gint64        *out)
{
  char date_part[11];
  GDate date;
  int hh, mm, ss = 0;
  const char *p;
  gint64 local_s;

  if (text == NULL || strlen (text) < 16 || text[10] != 'T' || text[13] != ':')
    return FALSE;
  memcpy (date_part, text, 10);
  date_part[10] = '\0';
  if (!plt_date_from_string (date_part, &date) ||
      !g_ascii_isdigit (text[11]) || !g_ascii_isdigit (text[12]) ||
      !g_ascii_isdigit (text[14]) || !g_ascii_isdigit (text[15]))
    return FALSE;
  hh = (text[11] - '0') * 10 + (text[12] - '0');
  mm = (text[14] - '0') * 10 + (text[15] - '0');
  p = text + 16;
  if (*p == ':')
    {
      if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
        return FALSE;
      ss = (p[1] - '0') * 10 + (p[2] - '0');
      p += 3;
    }
  if (hh > 23 || mm > 59 || ss > 59)
    return FALSE;

  if (*p == '\0')
    {
      *out = plt_site_local_time (site, &date, hh * 60 + mm) + ss * 1000;
      /* A wall-clock time the zone skips is no interval of it. */
      return plt_site_minute_of_day (site, *out) == hh * 60 + mm;
    }

  {
    g_autoptr(GDateTime) epoch = g_date_time_new_utc (1970, 1, 1, 0, 0, 0);
    g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                                                         g_date_get_day (&date), 0, 0, 0);
    int sign, oh, om;

    local_s = g_date_time_difference (midnight, epoch) / G_USEC_PER_SEC + hh * 3600 + mm * 60 + ss;
    if (strcmp (p, "Z") == 0)
      {
        *out = local_s * 1000;
        return TRUE;
      }
    if (*p != '+' && *p != '-')
      return FALSE;
    sign = *p == '+' ? 1 : -1;
    p++;
    if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
      return FALSE;
    oh = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    if (*p == ':')
      p++;
    if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || p[2] != '\0')
      return FALSE;
    om = (p[0] - '0') * 10 + (p[1] - '0');
    if (oh > 18 || om > 59)
      return FALSE;
    *out = (local_s - sign * (oh * 3600 + om * 60)) * 1000;
    return TRUE;
  }
}

gboolean
plt_forecast_import_csv (PltForecast    *forecast,
                         const PltSite  *site,
                         const char     *text,
                         gssize          length,
                         GPtrArray     **row_errors,
                         GError        **error)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_csv_row_error_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double) * 4);
  int col_queue = -1, col_start = -1, col_calls = -1, col_aht = -1, col_patience = -1;
  PltCsvRow *header;
  guint n_columns;
  guint bad_line = 0;

  if (row_errors != NULL)
    *row_errors = NULL;

  rows = plt_csv_read (text, length, &bad_line, &csv_error);
  if (rows == NULL)
    {
      row_error (errors, bad_line, "%s", csv_error->message);
      goto fail;
    }
  if (rows->len == 0)
    {
      row_error (errors, 1, _("The file is empty: it needs the header line "
                              "“queue,interval_start,calls,aht_s”"));
      goto fail;
    }

  header = g_ptr_array_index (rows, 0);
  n_columns = g_strv_length (header->fields);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = header->fields[i];
      int *slot = strcmp (name, "queue") == 0 ? &col_queue
                : strcmp (name, "interval_start") == 0 ? &col_start
                : strcmp (name, "calls") == 0 ? &col_calls
                : strcmp (name, "aht_s") == 0 ? &col_aht
                : strcmp (name, "patience_s") == 0 ? &col_patience
                : NULL;

      if (slot == NULL)
        row_error (errors, header->line, _("Unknown column “%s” (expected queue, interval_start, calls, aht_s "
                                           "and optionally patience_s)"), name);
      else if (*slot >= 0)
        row_error (errors, header->line, _("The column “%s” is given twice"), name);
      else
        *slot = (int) i;
    }
  if (col_queue < 0 || col_start < 0 || col_calls < 0 || col_aht < 0)
    row_error (errors, header->line, _("The header must name the columns queue, interval_start, calls and aht_s"));
  if (errors->len > 0)
    goto fail;

  /* Check every row before changing anything. */
  for (guint r = 1; r < rows->len; r++)
    {
      PltCsvRow *row = g_ptr_array_index (rows, r);
      guint n = g_strv_length (row->fields);
      const char *queue;
      double calls, aht, patience = 0;
      gint64 start;
      int interval;
      guint before = errors->len;

      if (errors->len >= MAX_ROW_ERRORS)
        break;
      if (n == 1 && row->fields[0][0] == '\0')
        continue;   /* a blank line */
      if (n != n_columns)
        {
          row_error (errors, row->line, _("%u fields where the header has %u"), n, n_columns);
          continue;
        }

      queue = row->fields[col_queue];
      if (*queue == '\0' || strlen (queue) > 64)
        row_error (errors, row->line, _("The queue must be an id of 1 to 64 bytes"));
      if (!parse_number (row->fields[col_calls], &calls) || calls < 0)
        row_error (errors, row->line, _("“%s” is not a number of calls (a number ≥ 0)"), row->fields[col_calls]);
      if (!parse_number (row->fields[col_aht], &aht) || aht <= 0 || aht > 86400)
        row_error (errors, row->line, _("“%s” is not a handle time in seconds (more than 0, at most 86 400)"),
                   row->fields[col_aht]);
      if (col_patience >= 0 && row->fields[col_patience][0] != '\0' &&
          (!parse_number (row->fields[col_patience], &patience) || patience <= 0))
        row_error (errors, row->line, _("“%s” is not a patience in seconds (more than 0)"),
                   row->fields[col_patience]);
      if (!parse_interval_start (site, row->fields[col_start], &start))
        {
          row_error (errors, row->line, _("“%s” is not a time like 2026-06-01T08:15 (local) or "
                                          "2026-06-01T08:15+02:00"), row->fields[col_start]);
          continue;
        }
      if (plt_site_minute_of_day (site, start) % 15 != 0 || start % PLT_MS_PER_MINUTE != 0)
        {
          row_error (errors, row->line, _("%s is not on a quarter hour"), row->fields[col_start]);
          continue;
        }
      interval = plt_forecast_interval_at (forecast, start);
      if (interval < 0)
        {
          row_error (errors, row->line, _("%s is outside the forecast's period"), row->fields[col_start]);
          continue;
        }
      if (errors->len > before)
        continue;

      {
        char *key = g_strdup_printf ("%s|%d", queue, interval);

        if (g_hash_table_contains (seen, key))
          {
            row_error (errors, row->line, _("The queue “%s” already has a row for %s"), queue, row->fields[col_start]);
            g_free (key);
            continue;
          }
        g_hash_table_add (seen, key);
      }

      {
        double v[4] = { (double) r, calls, aht, patience };

        g_array_append_vals (values, v, 1);
        (void) interval;
      }
    }

  if (errors->len > 0)
    goto fail;

  for (guint i = 0; i < values->len; i++)
    {
      const double *v = (const double *) (values->data + i * sizeof (double) * 4);
      PltCsvRow *row = g_ptr_array_index (rows, (guint) v[0]);
      guint q = plt_forecast_add_queue (forecast, row->fields[col_queue]);
      gint64 start;

      parse_interval_start (site, row->fields[col_start], &start);
      plt_forecast_set (forecast, q, (guint) plt_forecast_interval_at (forecast, start), v[1], v[2]);
      if (v[3] > 0)
        plt_forecast_set_patience (forecast, q, v[3]);
    }
  return TRUE;

fail:
  {
    guint n_lines = 0, last = 0;

    /* Errors come by line: count the lines. */
    for (guint i = 0; i < errors->len; i++)
      {
        guint line = ((PltCsvRowError *) g_ptr_array_index (errors, i))->line;

        if (i == 0 || line != last)
          n_lines++;
        last = line;
      }
    g_set_error (error, PLT_FORECAST_ERROR, PLT_FORECAST_ERROR_CSV,
                 g_dngettext (GETTEXT_PACKAGE, "The forecast file has %u bad line; nothing was imported",
                              "The forecast file has %u bad lines; nothing was imported", n_lines),
                 n_lines);
  }
  if (row_errors != NULL)
    *row_errors = g_steal_pointer (&errors);
  return FALSE;
}

/* ---------------------------------------------------------------------------
 * Coverage
 */

void
plt_what_if_init (PltWhatIf *what_if)
{
  what_if->model = PLT_STAFFING_ERLANG_A;
  what_if->volume_factor = 1.0;
  what_if->aht_factor = 1.0;
  what_if->patience_s = DEFAULT_PATIENCE_S;
  what_if->shrinkage = 0.3;
  what_if->service_level = 0.8;
  what_if->t_s = 20;
  what_if->max_occupancy = 0;
}

struct _PltCoverage
{
  PltForecast     *forecast;
  PltWhatIf        what_if;
  guint            n_queues;
  PltCoverageCell *cells;        /* queue-major */
  GHashTable      *cache;        /* Key → guint required, per what-if */
};

typedef struct
{
  double load;
  double aht;
  double patience;
} Key;

static guint
key_hash (gconstpointer data)
{
  const Key *k = data;
  guint64 bits[3];

  memcpy (&bits[0], &k->load, 8);
  memcpy (&bits[1], &k->aht, 8);
  memcpy (&bits[2], &k->patience, 8);
  return (guint) (bits[0] ^ (bits[0] >> 29) ^ bits[1] * 31 ^ (bits[1] >> 17) ^ bits[2] * 131);
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return memcmp (a, b, sizeof (Key)) == 0;
}

static PltCoverageCell *
cell (PltCoverage *self,
      guint        queue,
      guint        interval)
{
  return &self->cells[(gsize) queue * self->forecast->n_intervals + interval];
}

static gboolean
check_what_if (const PltWhatIf  *w,
               GError          **error)
{
  if (!(w->volume_factor >= 0 && w->volume_factor <= 100) || !(w->aht_factor > 0 && w->aht_factor <= 100) ||
      !(w->shrinkage >= 0 && w->shrinkage < 1) || !(w->service_level > 0 && w->service_level < 1) ||
      !(w->t_s >= 0) || !(w->max_occupancy >= 0 && w->max_occupancy <= 1) ||
      (w->model == PLT_STAFFING_ERLANG_A && !(w->patience_s > 0)))
    {
      g_set_error_literal (error, PLT_FORECAST_ERROR, PLT_FORECAST_ERROR_INVALID,
                           _("A what-if parameter is out of range"));
      return FALSE;
    }
  return TRUE;
}

/* The service level with @agents (fractional) after shrinkage. */
static double
projected_sl (PltCoverage *self,
              double       load,
              double       aht,
              double       patience,
              double       agents)
{
  PltStaffingTarget target;
  PltStaffingResult low, high;
  double lo = floor (agents), frac = agents - lo;

  if (load <= 0)
    return 1.0;
  if (agents <= 0)
    return 0.0;

  plt_staffing_target_init (&target, self->what_if.model);
  target.patience_s = patience;
  target.t_s = self->what_if.t_s;
  target.service_level = self->what_if.service_level;

  if (lo < 1)
    low.service_level = 0;
  else
    plt_staffing_evaluate (&target, load, aht, (guint) lo, &low);
  if (frac == 0)
    return low.service_level;
  plt_staffing_evaluate (&target, load, aht, (guint) lo + 1, &high);
  return low.service_level + frac * (high.service_level - low.service_level);
}

static void
update_gap (PltCoverage     *self,
            PltCoverageCell *c,
            double           patience)
{
  double load = plt_staffing_load (c->calls, PLT_FORECAST_INTERVAL_MS / 1000.0, c->aht_s);

  c->gap = c->scheduled - (double) c->required_scheduled;
  c->projected_sl = projected_sl (self, load, c->aht_s, patience, c->scheduled * (1.0 - self->what_if.shrinkage));
}

#define NEAR_STEPS 6

/* The smallest head count meeting @target, searched from @hint (the
 * answer of the interval before, usually within a step or two), and with
 * the full search when it is far or there is no hint. The figures are
 * monotone in N (plt-staffing.h), so a walk from any start ends at the
 * same N as the full search. */
static gboolean
required_near (const PltStaffingTarget  *target,
               double                    load,
               double                    aht_s,
               guint                     hint,
               guint                    *out,
               GError                  **error)
{
  PltStaffingResult result;

  if (hint > 0)
    {
      guint n = hint;

      plt_staffing_evaluate (target, load, aht_s, n, &result);
      if (plt_staffing_meets (target, &result))
        {
          for (guint step = 0; step < NEAR_STEPS; step++)
            {
              if (n == 1)
                {
                  *out = 1;
                  return TRUE;
                }
              plt_staffing_evaluate (target, load, aht_s, n - 1, &result);
              if (!plt_staffing_meets (target, &result))
                {
                  *out = n;
                  return TRUE;
                }
              n--;
            }
        }
      else
        {
          for (guint step = 0; step < NEAR_STEPS; step++)
            {
              n++;
              plt_staffing_evaluate (target, load, aht_s, n, &result);
              if (plt_staffing_meets (target, &result))
                {
                  *out = n;
                  return TRUE;
                }
            }
        }
    }

  if (!plt_staffing_required (target, load, aht_s, &result, error))
    return FALSE;
  *out = result.agents;
  return TRUE;
}

typedef struct
{
  PltCoverage *self;
  guint        first_queue;
  guint        last_queue;     /* excluded */
  guint        first;
  guint        n;
  GArray      *found;          /* KeyValue: what to add to the cache */
  GError      *error;
} Chunk;

typedef struct
{
  Key   key;
  guint required;
} KeyValue;

/* The queues of @chunk: reads the shared cache, never writes it (the
 * chunks of a range may run on several threads). */
static gpointer
compute_chunk (gpointer data)
{
  Chunk *chunk = data;
  PltCoverage *self = chunk->self;
  PltForecast *f = self->forecast;
  PltStaffingTarget target;

  plt_staffing_target_init (&target, self->what_if.model);
  target.t_s = self->what_if.t_s;
  target.service_level = self->what_if.service_level;
  target.max_occupancy = self->what_if.max_occupancy;

  for (guint q = chunk->first_queue; q < chunk->last_queue; q++)
    {
      Queue *queue = g_ptr_array_index (f->queues, q);
      double patience = queue->patience_s > 0 ? queue->patience_s : self->what_if.patience_s;
      guint hint = 0;

      target.patience_s = patience;
      for (guint i = chunk->first; i < chunk->first + chunk->n && i < f->n_intervals; i++)
        {
          PltCoverageCell *c = cell (self, q, i);
          KeyValue kv;
          gpointer cached;

          c->calls = queue->calls[i] * self->what_if.volume_factor;
          c->aht_s = (queue->aht[i] > 0 ? queue->aht[i] : 180.0) * self->what_if.aht_factor;

          if (c->calls <= 0)
            {
              c->required = 0;
              c->required_scheduled = 0;
              update_gap (self, c, patience);
              continue;
            }

          kv.key.load = plt_staffing_load (c->calls, PLT_FORECAST_INTERVAL_MS / 1000.0, c->aht_s);
          kv.key.aht = c->aht_s;
          kv.key.patience = patience;
          if (g_hash_table_lookup_extended (self->cache, &kv.key, NULL, &cached))
            c->required = GPOINTER_TO_UINT (cached);
          else
            {
              if (!required_near (&target, kv.key.load, kv.key.aht, hint, &c->required, &chunk->error))
                return NULL;
              kv.required = c->required;
              g_array_append_val (chunk->found, kv);
            }
          hint = c->required;
          c->required_scheduled = plt_staffing_scheduled (c->required, self->what_if.shrinkage);
          update_gap (self, c, patience);
        }
    }
  return NULL;
}

/* Below this many cells, one thread does it all. */
#define CELLS_PER_THREAD 2000
#define MAX_THREADS      4

static gboolean
compute_range (PltCoverage  *self,
               guint         first,
               guint         n,
               GError      **error)
{
  guint cells = self->n_queues * MIN (n, self->forecast->n_intervals);
  guint n_threads = CLAMP (MIN ((guint) g_get_num_processors (), cells / CELLS_PER_THREAD), 1, MAX_THREADS);
  Chunk chunks[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  gboolean ok = TRUE;

  n_threads = MIN (n_threads, MAX (self->n_queues, 1));
  for (guint t = 0; t < n_threads; t++)
    {
      chunks[t] = (Chunk) {
        self, self->n_queues * t / n_threads, self->n_queues * (t + 1) / n_threads, first, n,
        g_array_new (FALSE, FALSE, sizeof (KeyValue)), NULL,
      };
      if (t > 0)
        threads[t] = g_thread_try_new ("plateau-staffing", compute_chunk, &chunks[t], NULL);
    }
  compute_chunk (&chunks[0]);
  for (guint t = 1; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
      else
        compute_chunk (&chunks[t]);   /* no thread to be had: here */
    }

  for (guint t = 0; t < n_threads; t++)
    {
      for (guint i = 0; i < chunks[t].found->len; i++)
        {
          const KeyValue *kv = &g_array_index (chunks[t].found, KeyValue, i);

          g_hash_table_insert (self->cache, g_memdup2 (&kv->key, sizeof kv->key), GUINT_TO_POINTER (kv->required));
        }
      g_array_unref (chunks[t].found);
      if (chunks[t].error != NULL)
        {
          if (ok)
            g_propagate_error (error, chunks[t].error);
          else
            g_error_free (chunks[t].error);
          ok = FALSE;
        }
    }
  return ok;
}

PltCoverage *
plt_coverage_new (PltForecast      *forecast,
                  const PltWhatIf  *what_if,
                  GError          **error)
{
  g_autoptr(PltCoverage) self = NULL;

  g_return_val_if_fail (forecast != NULL && what_if != NULL, NULL);

  if (!check_what_if (what_if, error))
    return NULL;

  self = g_new0 (PltCoverage, 1);
  self->forecast = forecast;
  self->what_if = *what_if;
  self->n_queues = forecast->queues->len;
  self->cells = g_new0 (PltCoverageCell, MAX ((gsize) self->n_queues * forecast->n_intervals, 1));
  self->cache = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);

  if (!compute_range (self, 0, forecast->n_intervals, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
plt_coverage_free (PltCoverage *self)
{
  if (self == NULL)
    return;
  g_free (self->cells);
  g_hash_table_unref (self->cache);
  g_free (self);
}

void
plt_coverage_set_schedule (PltCoverage *self,
                           PltSchedule *schedule,
                           GPtrArray   *agents)
{
  PltForecast *f = self->forecast;
  g_autoptr(GPtrArray) days = plt_schedule_list_days (schedule);
  g_autoptr(GHashTable) skills = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 end = f->start + (gint64) f->n_intervals * PLT_FORECAST_INTERVAL_MS;

  for (guint i = 0; agents != NULL && i < agents->len; i++)
    {
      PltPlanningAgent *agent = g_ptr_array_index (agents, i);

      g_hash_table_insert (skills, agent->id, agent->skills);
    }

  for (gsize i = 0; i < (gsize) self->n_queues * f->n_intervals; i++)
    self->cells[i].scheduled = 0;

  for (guint d = 0; d < days->len; d++)
    {
      PltAgentDay *day = g_ptr_array_index (days, d);
      const char * const *agent_skills = g_hash_table_lookup (skills, day->agent);

      for (guint s = 0; s < day->shifts->len; s++)
        {
          const PltShift *shift = g_ptr_array_index (day->shifts, s);

          if (shift->end <= f->start || shift->start >= end)
            continue;
          for (guint a = 0; a < shift->activities->len; a++)
            {
              const PltActivity *act = g_ptr_array_index (shift->activities, a);
              const char * const *list;
              guint n_list;
              gint64 t;

              if (act->kind != PLT_ACTIVITY_WORK)
                continue;
              list = act->queues != NULL ? (const char * const *) act->queues : agent_skills;
              n_list = list != NULL ? g_strv_length ((GStrv) list) : 0;
              if (n_list == 0)
                continue;

              for (t = MAX (act->start, f->start); t < MIN (act->end, end); )
                {
                  guint i = (guint) ((t - f->start) / PLT_FORECAST_INTERVAL_MS);
                  gint64 i_end = f->start + (gint64) (i + 1) * PLT_FORECAST_INTERVAL_MS;
                  gint64 stop = MIN (MIN (act->end, end), i_end);
                  double share = (double) (stop - t) / PLT_FORECAST_INTERVAL_MS / n_list;

                  for (guint q = 0; q < n_list; q++)
                    {
                      int index = plt_forecast_find_queue (f, list[q]);

                      if (index >= 0)
                        cell (self, (guint) index, i)->scheduled += share;
                    }
                  t = stop;
                }
            }
        }
    }

  for (guint q = 0; q < self->n_queues; q++)
    {
      Queue *queue = g_ptr_array_index (f->queues, q);
      double patience = queue->patience_s > 0 ? queue->patience_s : self->what_if.patience_s;

      for (guint i = 0; i < f->n_intervals; i++)
        update_gap (self, cell (self, q, i), patience);
    }
}

gboolean
plt_coverage_recompute (PltCoverage      *self,
                        const PltWhatIf  *what_if,
                        guint             first,
                        guint             n,
                        GError          **error)
{
  if (!check_what_if (what_if, error))
    return FALSE;

  if (what_if->model != self->what_if.model || what_if->service_level != self->what_if.service_level ||
      what_if->t_s != self->what_if.t_s || what_if->max_occupancy != self->what_if.max_occupancy)
    g_hash_table_remove_all (self->cache);
  self->what_if = *what_if;
  return compute_range (self, first, n, error);
}

const PltCoverageCell *
plt_coverage_get (PltCoverage *self,
                  guint        queue,
                  guint        interval)
{
  g_return_val_if_fail (queue < self->n_queues && interval < self->forecast->n_intervals, NULL);
  return cell (self, queue, interval);
}

void
plt_coverage_get_total (PltCoverage     *self,
                        guint            interval,
                        PltCoverageCell *total)
{
  double sl_weighted = 0;

  memset (total, 0, sizeof *total);
  for (guint q = 0; q < self->n_queues; q++)
    {
      const PltCoverageCell *c = cell (self, q, interval);

      total->calls += c->calls;
      total->aht_s += c->calls * c->aht_s;
      total->required += c->required;
      total->required_scheduled += c->required_scheduled;
      total->scheduled += c->scheduled;
      sl_weighted += c->calls * c->projected_sl;
    }
  total->aht_s = total->calls > 0 ? total->aht_s / total->calls : 0;
  total->gap = total->scheduled - total->required_scheduled;
  total->projected_sl = total->calls > 0 ? sl_weighted / total->calls : 1.0;
}
