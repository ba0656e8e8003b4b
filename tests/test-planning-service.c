/* test-planning-service.c — the router's plannings: storage, role checks,
 * stale saves refused with the current state, publishing to the affected
 * agents only, immutable versions, the simulated agents following the
 * published plan, and the messages over a real WebSocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>
#include <sodium.h>

#include "plt-acd.h"
#include "plt-planning-document.h"
#include "plt-planning-service.h"
#include "plt-protocol-planning.h"
#include "plt-router.h"
#include "plt-test-timeout.h"
#include "plt-test-ws.h"

#define TIMEOUT_MS plt_test_timeout_ms (30000)
#define HOUR PLT_MS_PER_HOUR

/* ------------------------------------------------------------------------
 * The service alone
 */

typedef struct
{
  PltDb              *db;
  PltPlanningService *service;
  PltDecoder         *decoder;
  GPtrArray          *events;    /* "agent|text" */
  PltWeek             week;
  gint64              monday;
} Fixture;

static void
on_notify (const char *agent,
           const char *text,
           gpointer    user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->events, g_strdup_printf ("%s|%s", agent, text));
}

static PltAgentData *
agent_data (const char *id,
            const char *team,
            const char *queue)
{
  PltAgentData *agent = plt_agent_data_new ();
  const char *queues[] = { queue, NULL };

  agent->id = g_strdup (id);
  agent->name = g_strdup (id);
  agent->team = g_strdup (team);
  g_strfreev (agent->queues);
  agent->queues = g_strdupv ((char **) queues);
  return agent;
}

static PltTeamData *
team_data (const char *id)
{
  PltTeamData *team = plt_team_data_new ();

  team->id = g_strdup (id);
  team->name = g_strdup (id);
  return team;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) teams = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_team_data_free);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) plt_agent_data_free);
  GDate monday;

  f->db = plt_db_open (":memory:", &error);
  g_assert_no_error (error);
  f->service = plt_planning_service_new (f->db, "Test", "Europe/Paris", &error);
  g_assert_no_error (error);
  g_ptr_array_add (teams, team_data ("t-nord"));
  g_ptr_array_add (teams, team_data ("t-sud"));
  g_ptr_array_add (agents, agent_data ("a-1", "t-nord", "q-ventes"));
  g_ptr_array_add (agents, agent_data ("a-2", "t-nord", "q-ventes"));
  g_ptr_array_add (agents, agent_data ("a-3", "t-sud", "q-support"));
  plt_planning_service_set_agents (f->service, teams, agents);
  f->events = g_ptr_array_new_with_free_func (g_free);
  plt_planning_service_set_notify (f->service, on_notify, f, "e1");
  f->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  f->week = (PltWeek) { 2026, 23 };
  plt_week_get_monday (&f->week, &monday);
  f->monday = plt_site_day_start (plt_planning_service_get_site (f->service), &monday);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->service);
  g_clear_object (&f->db);
  g_clear_object (&f->decoder);
  g_clear_pointer (&f->events, g_ptr_array_unref);
}

static PltUser *
user (const char *name,
      PltRole     role,
      const char *team,
      const char *agent)
{
  const char *teams[] = { team, NULL };

  return plt_user_new (name, role, team != NULL ? teams : NULL, agent);
}

/* Sends a planning command; returns the one frame answered, decoded. */
static PltMessage *
ask (Fixture            *f,
     const PltUser      *who,
     PltMessageType      type,
     PltPlanningMessage *payload)
{
  g_autoptr(PltMessage) message = plt_message_new (type);
  g_autoptr(GPtrArray) frames = NULL;
  g_autoptr(GError) error = NULL;
  PltMessage *answer;

  message->u.planning = payload;
  if (payload->id == NULL)
    payload->id = g_strdup ("c-1");
  frames = plt_planning_service_handle (f->service, who, message, f->monday, 7, "e1");
  g_assert_cmpuint (frames->len, ==, 1);
  answer = plt_decoder_decode (f->decoder, g_ptr_array_index (frames, 0), strlen (g_ptr_array_index (frames, 0)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpint (answer->seq, ==, 7);
  return answer;
}

static PltPlanningMessage *
head (const char    *team,
      const PltWeek *week)
{
  PltPlanningMessage *p = plt_planning_message_new ();

  p->team = g_strdup (team);
  p->week = *week;
  return p;
}

static PltAgentDay *
day_with_shift (Fixture    *f,
                const char *agent,
                int         d,
                int         hour,
                int         hours,
                const char *id)
{
  const PltSite *site = plt_planning_service_get_site (f->service);
  PltAgentDay *day;
  GDate date;

  plt_week_get_monday (&f->week, &date);
  g_date_add_days (&date, d);
  day = plt_agent_day_new (agent, &date);
  plt_agent_day_add_shift (day, plt_shift_new (id, plt_site_local_time (site, &date, hour * 60),
                                               plt_site_local_time (site, &date, (hour + hours) * 60), NULL));
  return day;
}

static PltMessage *
save (Fixture       *f,
      const PltUser *who,
      gint64         base,
      PltAgentDay   *day)
{
  PltPlanningMessage *p = head ("t-nord", &f->week);

  p->revision = base;
  g_ptr_array_add (p->days, day);
  return ask (f, who, PLT_MESSAGE_PLANNING_SAVE, p);
}

static void
assert_error (PltMessage       *message,
              PltProtocolError  code)
{
  g_assert_cmpint (message->type, ==, PLT_MESSAGE_ERROR);
  if (message->u.error.code != code)
    g_test_message ("error: %s", message->u.error.message);
  g_assert_cmpint (message->u.error.code, ==, code);
  g_assert_cmpstr (message->u.error.reply_to, ==, "c-1");
  g_assert_false (message->u.error.fatal);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PltUser) nord = user ("sam", PLT_ROLE_SUPERVISOR, "t-nord", NULL);
  g_autoptr(PltUser) sud = user ("sue", PLT_ROLE_SUPERVISOR, "t-sud", NULL);
  g_autoptr(PltUser) manager = user ("manon", PLT_ROLE_MANAGER, NULL, NULL);
  g_autoptr(PltUser) agent = user ("a-1", PLT_ROLE_AGENT, NULL, "a-1");
  g_autoptr(PltUser) other_agent = user ("a-3", PLT_ROLE_AGENT, NULL, "a-3");
  g_autoptr(PltUser) wall = user ("wall", PLT_ROLE_WALLBOARD, NULL, NULL);
  PltMessage *m;

  /* Supervisors edit their own team only. */
  m = save (f, nord, 0, day_with_shift (f, "a-1", 0, 9, 8, "s-1"));
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_PLANNING_SAVED);
  g_assert_cmpint (m->u.planning->revision, ==, 1);
  g_assert_cmpstr (m->u.planning->reply_to, ==, "c-1");
  plt_message_free (m);
  assert_error (m = save (f, sud, 1, day_with_shift (f, "a-1", 1, 9, 8, "s-2")), PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);
  assert_error (m = ask (f, sud, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week)), PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);

  /* Agents and wallboards read, at most. */
  assert_error (m = save (f, agent, 1, day_with_shift (f, "a-1", 1, 9, 8, "s-2")), PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);
  assert_error (m = ask (f, wall, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week)), PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);
  assert_error (m = ask (f, other_agent, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week)), PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);

  /* A supervisor cannot publish; a manager can. */
  {
    PltPlanningMessage *p = head ("t-nord", &f->week);

    p->revision = 1;
    assert_error (m = ask (f, nord, PLT_MESSAGE_PLANNING_PUBLISH, p), PLT_PROTOCOL_ERROR_FORBIDDEN);
    plt_message_free (m);
  }
  g_assert_cmpuint (f->events->len, ==, 0);
  {
    PltPlanningMessage *p = head ("t-nord", &f->week);

    p->revision = 1;
    m = ask (f, manager, PLT_MESSAGE_PLANNING_PUBLISH, p);
    g_assert_cmpint (m->type, ==, PLT_MESSAGE_RESULT);
    g_assert_true (m->u.result.ok);
    plt_message_free (m);
  }

  /* An agent sees their own published days, no draft, no audit. */
  m = ask (f, agent, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week));
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_PLANNING_STATE);
  g_assert_false (m->u.planning->has_draft);
  g_assert_cmpint (m->u.planning->published_version, ==, 1);
  g_assert_cmpuint (m->u.planning->published_days->len, ==, 1);
  g_assert_cmpuint (m->u.planning->agents->len, ==, 1);
  g_assert_cmpuint (m->u.planning->audit->len, ==, 0);
  g_assert_cmpstr (m->u.planning->site_tz, ==, "Europe/Paris");
  plt_message_free (m);

  /* Comments: managers and the team's supervisors. */
  {
    PltPlanningMessage *p = head ("t-nord", &f->week);

    p->text = g_strdup ("Tuesday looks thin");
    p->agent = g_strdup ("a-2");
    m = ask (f, manager, PLT_MESSAGE_PLANNING_COMMENT, p);
    g_assert_cmpint (m->type, ==, PLT_MESSAGE_RESULT);
    plt_message_free (m);
    p = head ("t-nord", &f->week);
    p->text = g_strdup ("…");
    assert_error (m = ask (f, agent, PLT_MESSAGE_PLANNING_COMMENT, p), PLT_PROTOCOL_ERROR_FORBIDDEN);
    plt_message_free (m);
  }

  /* The supervisor's state: draft, comments, audit. */
  m = ask (f, nord, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week));
  g_assert_true (m->u.planning->has_draft);
  g_assert_cmpuint (m->u.planning->days->len, ==, 1);
  g_assert_cmpuint (m->u.planning->agents->len, ==, 2);
  g_assert_cmpuint (m->u.planning->comments->len, ==, 1);
  g_assert_cmpstr (((PltPlanningComment *) g_ptr_array_index (m->u.planning->comments, 0))->by, ==, "manon");
  g_assert_cmpuint (m->u.planning->audit->len, ==, 1);
  g_assert_cmpstr (((PltPlanningAudit *) g_ptr_array_index (m->u.planning->audit, 0))->action, ==, "publish");
  plt_message_free (m);

  /* Unknown teams */
  assert_error (m = ask (f, manager, PLT_MESSAGE_PLANNING_GET, head ("t-nowhere", &f->week)), PLT_PROTOCOL_ERROR_NOT_FOUND);
  plt_message_free (m);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PltUser) sam = user ("sam", PLT_ROLE_SUPERVISOR, "t-nord", NULL);
  g_autoptr(PltUser) sue = user ("sue", PLT_ROLE_SUPERVISOR, "t-nord", NULL);
  PltMessage *m;

  m = save (f, sam, 0, day_with_shift (f, "a-1", 0, 9, 8, "s-sam-1"));
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_PLANNING_SAVED);
  plt_message_free (m);

  /* Sue saves from revision 0: refused, with the current state. */
  m = save (f, sue, 0, day_with_shift (f, "a-2", 0, 9, 8, "s-sue-1"));
  assert_error (m, PLT_PROTOCOL_ERROR_CONFLICT);
  g_assert_nonnull (m->u.error.current);
  g_assert_cmpint (m->u.error.current->revision, ==, 1);
  g_assert_cmpuint (m->u.error.current->days->len, ==, 1);
  g_assert_cmpstr (((PltAgentDay *) g_ptr_array_index (m->u.error.current->days, 0))->agent, ==, "a-1");

  /* Her editor merges (different agent-days: no conflict) and saves again. */
  {
    g_autoptr(PltSchedule) theirs = plt_planning_message_dup_schedule (m->u.error.current->days, NULL);
    g_autoptr(PltPlanningDocument) doc = plt_planning_document_new ("t-nord", plt_planning_service_get_site (f->service), "sue");
    g_autoptr(PltSchedule) empty = plt_schedule_new ();
    g_autoptr(GPtrArray) pending = NULL;
    g_autoptr(PltAgentDay) mine = day_with_shift (f, "a-2", 0, 9, 8, "s-sue-1");
    g_autoptr(GPtrArray) set = g_ptr_array_new ();
    g_autoptr(PltPlanningCommand) command = NULL;
    PltPlanningMessage *p;

    plt_planning_document_load_week (doc, &f->week, 0, empty, NULL, 0);
    g_ptr_array_add (set, mine);
    command = plt_planning_command_set_days (set, NULL);
    g_assert_true (plt_planning_document_execute (doc, command, NULL));
    g_assert_cmpuint (plt_planning_document_merge_remote (doc, &f->week, m->u.error.current->revision, theirs), ==, 0);
    pending = plt_planning_document_list_pending (doc, &f->week);
    g_assert_cmpuint (pending->len, ==, 1);
    plt_message_free (m);

    p = head ("t-nord", &f->week);
    p->revision = plt_planning_document_get_revision (doc, &f->week);
    for (guint i = 0; i < pending->len; i++)
      g_ptr_array_add (p->days, plt_agent_day_ref (g_ptr_array_index (pending, i)));
    m = ask (f, sue, PLT_MESSAGE_PLANNING_SAVE, p);
    g_assert_cmpint (m->type, ==, PLT_MESSAGE_PLANNING_SAVED);
    g_assert_cmpint (m->u.planning->revision, ==, 2);
    plt_message_free (m);
  }

  /* Both changes are in; the audit says who changed what. */
  {
    g_autoptr(PltUser) manager = user ("manon", PLT_ROLE_MANAGER, NULL, NULL);

    m = ask (f, manager, PLT_MESSAGE_PLANNING_GET, head ("t-nord", &f->week));
    g_assert_cmpuint (m->u.planning->days->len, ==, 2);
    g_assert_cmpuint (m->u.planning->audit->len, ==, 2);
    g_assert_cmpstr (((PltPlanningAudit *) g_ptr_array_index (m->u.planning->audit, 0))->by, ==, "sam");
    g_assert_cmpstr (((PltPlanningAudit *) g_ptr_array_index (m->u.planning->audit, 1))->by, ==, "sue");
    g_assert_cmpstr (((PltPlanningAudit *) g_ptr_array_index (m->u.planning->audit, 1))->agent, ==, "a-2");
    plt_message_free (m);
  }

  /* Bad saves: a day of another week, an agent of another team, one shift
   * id on two days. */
  m = save (f, sam, 2, day_with_shift (f, "a-1", 7, 9, 8, "s-x"));
  assert_error (m, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  plt_message_free (m);
  m = save (f, sam, 2, day_with_shift (f, "a-3", 1, 9, 8, "s-x"));
  assert_error (m, PLT_PROTOCOL_ERROR_FORBIDDEN);
  plt_message_free (m);
  m = save (f, sam, 2, day_with_shift (f, "a-2", 1, 9, 8, "s-sam-1"));
  assert_error (m, PLT_PROTOCOL_ERROR_BAD_REQUEST);
  plt_message_free (m);
}

static void
test_publish (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PltUser) sam = user ("sam", PLT_ROLE_SUPERVISOR, "t-nord", NULL);
  g_autoptr(PltUser) manager = user ("manon", PLT_ROLE_MANAGER, NULL, NULL);
  g_autoptr(GError) error = NULL;
  PltPlanningMessage *p;
  PltMessage *m;
  gint64 version = 0;

  m = save (f, sam, 0, day_with_shift (f, "a-1", 0, 9, 8, "s-1"));
  plt_message_free (m);
  {
    PltPlanningMessage *two = head ("t-nord", &f->week);

    two->revision = 1;
    g_ptr_array_add (two->days, day_with_shift (f, "a-2", 0, 13, 8, "s-2"));
    m = ask (f, sam, PLT_MESSAGE_PLANNING_SAVE, two);
    plt_message_free (m);
  }

  /* Publishing a stale revision is refused. */
  p = head ("t-nord", &f->week);
  p->revision = 1;
  assert_error (m = ask (f, manager, PLT_MESSAGE_PLANNING_PUBLISH, p), PLT_PROTOCOL_ERROR_CONFLICT);
  g_assert_nonnull (m->u.error.current);
  plt_message_free (m);

  p = head ("t-nord", &f->week);
  p->revision = 2;
  m = ask (f, manager, PLT_MESSAGE_PLANNING_PUBLISH, p);
  g_assert_cmpint (m->type, ==, PLT_MESSAGE_RESULT);
  plt_message_free (m);

  /* Both agents hear of it (a first version concerns everyone). */
  g_assert_cmpuint (f->events->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->events, 0), "a-1|{\"v\":1,\"type\":\"planning.published\""));
  g_ptr_array_set_size (f->events, 0);

  /* Only a-2 changes: only a-2 hears of version 2. */
  m = save (f, sam, 2, day_with_shift (f, "a-2", 0, 14, 7, "s-2"));
  plt_message_free (m);
  p = head ("t-nord", &f->week);
  p->revision = 3;
  m = ask (f, manager, PLT_MESSAGE_PLANNING_PUBLISH, p);
  plt_message_free (m);
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->events, 0), "a-2|"));
  {
    const char *text = strchr (g_ptr_array_index (f->events, 0), '|') + 1;
    g_autoptr(PltMessage) event = plt_decoder_decode (f->decoder, text, strlen (text), &error);
    g_autofree char *with_seq = NULL;

    /* Without seq: the router adds each session's own. */
    g_assert_error (error, PLT_PROTOCOL_ERROR, PLT_PROTOCOL_ERROR_BAD_REQUEST);
    g_assert_null (event);
    g_clear_error (&error);
    g_assert_true (g_str_has_prefix (text, "{\"v\":1,"));
    with_seq = g_strdup_printf ("{\"v\":1,\"seq\":9,%s", text + strlen ("{\"v\":1,"));
    event = plt_decoder_decode (f->decoder, with_seq, strlen (with_seq), &error);
    g_assert_no_error (error);
    g_assert_cmpint (event->type, ==, PLT_MESSAGE_PLANNING_PUBLISHED);
    g_assert_cmpint (event->u.planning->published_version, ==, 2);
    g_assert_cmpuint (event->u.planning->days->len, ==, 1);
    g_assert_cmpstr (((PltAgentDay *) g_ptr_array_index (event->u.planning->days, 0))->agent, ==, "a-2");
  }

  {
    g_autoptr(PltSchedule) published = plt_planning_service_dup_published (f->service, "t-nord", &f->week, &version);

    g_assert_cmpint (version, ==, 2);
    g_assert_cmpuint (plt_schedule_get_n_days (published), ==, 2);
  }

  /* A published version never changes, whatever the SQL. */
  g_assert_false (plt_db_exec (f->db, "UPDATE planning_version SET days = '[]'", &error));
  g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL);
  g_clear_error (&error);
  g_assert_false (plt_db_exec (f->db, "DELETE FROM planning_version", &error));
  g_assert_error (error, PLT_DB_ERROR, PLT_DB_ERROR_SQL);
}

/* ------------------------------------------------------------------------
 * The simulated agents follow the published plan
 */

static gboolean
report_interval (const PltAgentInterval *interval,
                 gpointer                report)
{
  plt_kpi_report_add_interval (report, interval);
  return TRUE;
}

static void
test_acd_follows (void)
{
  g_autoptr(PltScenario) scenario = plt_scenario_new_demo ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PltDb) db = plt_db_open (":memory:", &error);
  g_autoptr(PltPlanningService) service = NULL;
  g_autoptr(PltAcd) acd = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GPtrArray) agents = NULL;
  /* A Wednesday at 10:20 UTC. */
  gint64 start = 1795774800000 - 1795774800000 % HOUR + 20 * PLT_MS_PER_MINUTE;

  g_assert_no_error (error);
  acd = plt_acd_new (scenario, 5, start);
  service = plt_planning_service_new (db, "demo", "UTC", &error);
  g_assert_no_error (error);
  teams = plt_acd_dup_teams (acd);
  agents = plt_acd_dup_agents (acd);
  plt_planning_service_set_agents (service, teams, agents);
  plt_planning_service_set_acd (service, acd);
  g_assert_true (plt_planning_service_ensure_today (service, start, &error));
  g_assert_no_error (error);

  /* Every team has a published version, which covers today. */
  {
    PltWeek week;
    GDate today;
    gint64 version = 0;
    g_autoptr(PltSchedule) published = NULL;

    plt_site_get_date (plt_planning_service_get_site (service), start, &today);
    plt_week_from_date (&today, &week);
    published = plt_planning_service_dup_published (service, "t-nord", &week, &version);
    g_assert_nonnull (published);
    g_assert_cmpint (version, ==, 1);
    g_assert_nonnull (plt_schedule_lookup (published, "a-01", &today));

    /* A second call publishes nothing more. */
    g_assert_true (plt_planning_service_ensure_today (service, start, &error));
    g_clear_pointer (&published, plt_schedule_unref);
    published = plt_planning_service_dup_published (service, "t-nord", &week, &version);
    g_assert_cmpint (version, ==, 1);
  }

  /* a-04 (the fourth agent) starts in 40 minutes: logged out until then. */
  plt_acd_advance_to (acd, start + 10 * PLT_MS_PER_MINUTE);
  {
    g_autoptr(PltAgentData) early = plt_acd_dup_agent (acd, "a-01");
    g_autoptr(PltAgentData) late = plt_acd_dup_agent (acd, "a-04");

    g_assert_cmpint (early->status, !=, PLT_AGENT_STATUS_LOGGED_OUT);
    g_assert_cmpint (late->status, ==, PLT_AGENT_STATUS_LOGGED_OUT);
  }
  plt_acd_advance_to (acd, start + 2 * HOUR);
  {
    g_autoptr(PltAgentData) late = plt_acd_dup_agent (acd, "a-04");

    g_assert_cmpint (late->status, !=, PLT_AGENT_STATUS_LOGGED_OUT);
  }

  /* The KPI engine's adherence, from the published plan: a-01 followed
   * it for the two hours since the start, but for its lateness. */
  {
    g_autoptr(PltKpiConfig) config = plt_kpi_config_new ();
    g_autoptr(PltKpiReport) report = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    const char *ids[] = { "a-01", NULL };
    PltKpiRow *row;

    plt_planning_service_install_kpi_plan (service, config);
    report = plt_kpi_report_new (config, PLT_KPI_SCOPE_AGENT, ids, start, start + 2 * HOUR, 0, start + 2 * HOUR);
    plt_acd_foreach_agent_interval (acd, report_interval, report);
    rows = plt_kpi_report_finish (report);
    g_assert_cmpuint (rows->len, ==, 1);
    row = g_ptr_array_index (rows, 0);
    g_test_message ("a-01: adherence %.3f, conformance %.3f", row->values.adherence, row->values.conformance);
    g_assert_cmpint (row->counters.scheduled_ms, ==, 2 * HOUR);
    g_assert_cmpfloat (row->values.adherence, >, 0.5);
    g_assert_cmpfloat (row->values.adherence, <=, 1.0);
  }

  /* 8 h 30 after its start, a-01's shift is over: logged out (once any
   * contact ends). */
  plt_acd_advance_to (acd, start + 9 * HOUR);
  {
    g_autoptr(PltAgentData) done = plt_acd_dup_agent (acd, "a-01");

    g_assert_true (done->status == PLT_AGENT_STATUS_LOGGED_OUT || done->call != NULL);
  }
}

/* ------------------------------------------------------------------------
 * Over the wire
 */

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  PltDecoder              *decoder;
  GQueue                   messages;
  gboolean                 done;
} Client;

static void
on_message (SoupWebsocketConnection *conn,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Client *client = user_data;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  PltMessage *message = plt_decoder_decode (client->decoder, data, length, NULL);

  if (message != NULL)
    g_queue_push_tail (&client->messages, message);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  client->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (client->conn, PLT_PROTOCOL_MAX_CLIENT_FRAME);
  g_signal_connect (client->conn, "message", G_CALLBACK (on_message), client);
  client->done = TRUE;
}

static gboolean
client_done (gpointer data)
{
  return ((Client *) data)->done;
}

static Client *
client_connect (const char *uri,
                const char *token)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);
  g_autofree char *hello = plt_protocol_encode_hello ("test-planning-service");
  const char *protocols[] = { PLT_PROTOCOL_SUBPROTOCOL, NULL };
  Client *client = g_new0 (Client, 1);

  client->session = soup_session_new ();
  client->decoder = plt_decoder_new (PLT_DECODER_FROM_SERVER);
  g_queue_init (&client->messages);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_session_websocket_connect_async (client->session, msg, NULL, (char **) protocols,
                                        G_PRIORITY_DEFAULT, NULL, on_connected, client);
  g_assert_true (plt_test_ws_iterate_until (client_done, client, TIMEOUT_MS));
  soup_websocket_connection_send_text (client->conn, hello);
  return client;
}

static gboolean
client_closed (gpointer data)
{
  Client *client = data;

  return soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_CLOSED;
}

static void
client_free (Client *client)
{
  if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  plt_test_ws_iterate_until (client_closed, client, TIMEOUT_MS);
  g_clear_object (&client->conn);
  g_clear_object (&client->session);
  g_clear_object (&client->decoder);
  g_queue_clear_full (&client->messages, (GDestroyNotify) plt_message_free);
  g_free (client);
}

typedef struct
{
  Client         *client;
  PltMessageType  type;
  PltMessage     *found;
} Wait;

static gboolean
found_type (gpointer data)
{
  Wait *wait = data;

  while (wait->found == NULL && !g_queue_is_empty (&wait->client->messages))
    {
      PltMessage *message = g_queue_pop_head (&wait->client->messages);

      if (message->type == wait->type)
        wait->found = message;
      else
        plt_message_free (message);
    }
  return wait->found != NULL;
}

/* The next message of @type, skipping the stream (NULL after @timeout_ms). */
static PltMessage *
client_wait (Client         *client,
             PltMessageType  type,
             guint           timeout_ms)
{
  Wait wait = { client, type, NULL };

  plt_test_ws_iterate_until (found_type, &wait, timeout_ms);
  return wait.found;
}

static void
send_planning (Client             *client,
               PltMessageType      type,
               PltPlanningMessage *payload)
{
  g_autoptr(PltMessage) message = plt_message_new (type);
  g_autofree char *text = NULL;

  message->u.planning = payload;
  text = plt_message_encode (message);
  soup_websocket_connection_send_text (client->conn, text);
}

static void
test_wire (void)
{
  PltRouterOptions options = { .scenario = "demo", .speed = 1.0, .seed = 3, .demo_plan = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(PltRouter) router = plt_router_new (&options, &error);
  g_autofree char *uri = NULL;
  g_autofree char *sam_token = NULL;
  g_autofree char *manon_token = NULL;
  g_autofree char *camille_token = NULL;
  g_autofree char *lucas_token = NULL;
  PltAuth *auth;
  Client *sam, *manon, *camille, *lucas;
  PltMessage *m;
  PltWeek week;
  gint64 revision;
  const char *nord[] = { "t-nord", NULL };
  const char *sud[] = { "t-sud", NULL };

  g_assert_no_error (error);
  g_assert_true (plt_router_listen (router, "127.0.0.1", 0, &error));
  uri = plt_router_dup_uri (router);
  auth = plt_router_get_auth (router);
  plt_auth_set_hash_limits (auth, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
  g_assert_true (plt_auth_add_user (auth, "sam", PLT_ROLE_SUPERVISOR, nord, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "sue", PLT_ROLE_SUPERVISOR, sud, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "manon", PLT_ROLE_MANAGER, NULL, NULL, "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "camille", PLT_ROLE_AGENT, NULL, "a-01", "correct horse battery", &error));
  g_assert_true (plt_auth_add_user (auth, "lucas", PLT_ROLE_AGENT, NULL, "a-02", "correct horse battery", &error));
  sam_token = plt_auth_issue_token (auth, "sam", NULL, &error);
  manon_token = plt_auth_issue_token (auth, "manon", NULL, &error);
  camille_token = plt_auth_issue_token (auth, "camille", NULL, &error);
  lucas_token = plt_auth_issue_token (auth, "lucas", NULL, &error);
  g_assert_no_error (error);

  sam = client_connect (uri, sam_token);
  manon = client_connect (uri, manon_token);
  camille = client_connect (uri, camille_token);
  lucas = client_connect (uri, lucas_token);
  m = client_wait (camille, PLT_MESSAGE_SNAPSHOT_END, TIMEOUT_MS);
  g_assert_nonnull (m);
  plt_message_free (m);
  m = client_wait (lucas, PLT_MESSAGE_SNAPSHOT_END, TIMEOUT_MS);
  g_assert_nonnull (m);
  plt_message_free (m);

  /* The demo plan for today was published at start: this week. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    plt_week_from_date (&date, &week);
  }

  {
    PltPlanningMessage *p = plt_planning_message_new ();

    p->id = g_strdup ("g-1");
    p->team = g_strdup ("t-nord");
    p->week = week;
    send_planning (sam, PLT_MESSAGE_PLANNING_GET, p);
  }
  m = client_wait (sam, PLT_MESSAGE_PLANNING_STATE, TIMEOUT_MS);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->u.planning->reply_to, ==, "g-1");
  g_assert_cmpint (m->u.planning->published_version, >=, 1);
  g_assert_cmpuint (m->u.planning->agents->len, ==, 12);
  revision = m->u.planning->revision;
  g_assert_cmpint (revision, >=, 1);

  /* Sam changes Camille's first day of the draft; Manon publishes it. */
  {
    PltPlanningMessage *p = plt_planning_message_new ();
    PltAgentDay *day = NULL;

    for (guint i = 0; i < m->u.planning->days->len && day == NULL; i++)
      if (strcmp (((PltAgentDay *) g_ptr_array_index (m->u.planning->days, i))->agent, "a-01") == 0)
        day = plt_agent_day_copy (g_ptr_array_index (m->u.planning->days, i));
    g_assert_nonnull (day);
    /* The same shift, without its last stretch of work. */
    g_ptr_array_remove_index (((PltShift *) g_ptr_array_index (day->shifts, 0))->activities, 6);
    g_assert_true (plt_shift_normalize (g_ptr_array_index (day->shifts, 0), NULL));

    p->id = g_strdup ("s-1");
    p->team = g_strdup ("t-nord");
    p->week = week;
    p->revision = revision;
    g_ptr_array_add (p->days, day);
    send_planning (sam, PLT_MESSAGE_PLANNING_SAVE, p);
  }
  plt_message_free (m);
  m = client_wait (sam, PLT_MESSAGE_PLANNING_SAVED, TIMEOUT_MS);
  g_assert_nonnull (m);
  g_assert_cmpint (m->u.planning->revision, ==, revision + 1);
  plt_message_free (m);

  {
    PltPlanningMessage *p = plt_planning_message_new ();

    p->id = g_strdup ("p-1");
    p->team = g_strdup ("t-nord");
    p->week = week;
    p->revision = revision + 1;
    send_planning (manon, PLT_MESSAGE_PLANNING_PUBLISH, p);
  }
  m = client_wait (manon, PLT_MESSAGE_RESULT, TIMEOUT_MS);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->u.result.reply_to, ==, "p-1");
  plt_message_free (m);

  /* Camille hears of it, with her own days only; Lucas does not. */
  m = client_wait (camille, PLT_MESSAGE_PLANNING_PUBLISHED, TIMEOUT_MS);
  g_assert_nonnull (m);
  g_assert_cmpint (m->u.planning->published_version, ==, 2);
  g_assert_cmpuint (m->u.planning->days->len, >=, 1);
  for (guint i = 0; i < m->u.planning->days->len; i++)
    g_assert_cmpstr (((PltAgentDay *) g_ptr_array_index (m->u.planning->days, i))->agent, ==, "a-01");
  g_assert_cmpstr (m->u.planning->published_by, ==, "manon");
  plt_message_free (m);
  m = client_wait (lucas, PLT_MESSAGE_PLANNING_PUBLISHED, 500);
  g_assert_null (m);

  /* Sam may not publish, nor read the south team. */
  {
    PltPlanningMessage *p = plt_planning_message_new ();

    p->id = g_strdup ("p-2");
    p->team = g_strdup ("t-sud");
    p->week = week;
    send_planning (sam, PLT_MESSAGE_PLANNING_GET, p);
  }
  m = client_wait (sam, PLT_MESSAGE_ERROR, TIMEOUT_MS);
  g_assert_nonnull (m);
  g_assert_cmpint (m->u.error.code, ==, PLT_PROTOCOL_ERROR_FORBIDDEN);
  g_assert_cmpstr (m->u.error.reply_to, ==, "p-2");
  plt_message_free (m);

  client_free (sam);
  client_free (manon);
  client_free (camille);
  client_free (lucas);
  plt_router_stop (router);
  plt_router_wait_closed (router, TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/planning-service/roles", Fixture, NULL, fixture_setup, test_roles, fixture_teardown);
  g_test_add ("/planning-service/conflict", Fixture, NULL, fixture_setup, test_conflict, fixture_teardown);
  g_test_add ("/planning-service/publish", Fixture, NULL, fixture_setup, test_publish, fixture_teardown);
  g_test_add_func ("/planning-service/acd-follows", test_acd_follows);
  g_test_add_func ("/planning-service/wire", test_wire);

  return g_test_run ();
}
