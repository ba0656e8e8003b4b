/* plt-records.c — contact records and agent intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "plt-records.h"

static const char * const outcome_names[] = {
  [PLT_CONTACT_OUTCOME_NONE] = "none",
  [PLT_CONTACT_OUTCOME_ANSWERED] = "answered",
  [PLT_CONTACT_OUTCOME_ABANDONED] = "abandoned",
  [PLT_CONTACT_OUTCOME_CALLBACK] = "callback",
  [PLT_CONTACT_OUTCOME_TRANSFERRED] = "transferred",
  [PLT_CONTACT_OUTCOME_OVERFLOWED] = "overflowed",
};

static const char * const origin_names[] = {
  [PLT_CONTACT_ORIGIN_NEW] = "new",
  [PLT_CONTACT_ORIGIN_CALLBACK] = "callback",
  [PLT_CONTACT_ORIGIN_TRANSFER] = "transfer",
  [PLT_CONTACT_ORIGIN_OVERFLOW] = "overflow",
};

const char *
plt_contact_outcome_to_string (PltContactOutcome outcome)
{
  if ((guint) outcome >= G_N_ELEMENTS (outcome_names))
    return "none";
  return outcome_names[outcome];
}

PltContactOutcome
plt_contact_outcome_from_string (const char *str)
{
  if (str != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
      if (strcmp (str, outcome_names[i]) == 0)
        return (PltContactOutcome) i;

  return PLT_CONTACT_OUTCOME_NONE;
}

const char *
plt_contact_origin_to_string (PltContactOrigin origin)
{
  if ((guint) origin >= G_N_ELEMENTS (origin_names))
    return "new";
  return origin_names[origin];
}

PltContactOrigin
plt_contact_origin_from_string (const char *str)
{
  if (str != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (origin_names); i++)
      if (strcmp (str, origin_names[i]) == 0)
        return (PltContactOrigin) i;

  return PLT_CONTACT_ORIGIN_NEW;
}

PltContactRecord *
plt_contact_record_copy (const PltContactRecord *record)
{
  PltContactRecord *copy;

  g_return_val_if_fail (record != NULL, NULL);

  copy = g_memdup2 (record, sizeof *record);
  copy->id = g_strdup (record->id);
  copy->queue = g_strdup (record->queue);
  copy->parent = g_strdup (record->parent);
  copy->agent = g_strdup (record->agent);

  return copy;
}

void
plt_contact_record_free (PltContactRecord *record)
{
  if (record == NULL)
    return;

  g_free ((char *) record->id);
  g_free ((char *) record->queue);
  g_free ((char *) record->parent);
  g_free ((char *) record->agent);
  g_free (record);
}

PltAgentInterval *
plt_agent_interval_copy (const PltAgentInterval *interval)
{
  PltAgentInterval *copy;

  g_return_val_if_fail (interval != NULL, NULL);

  copy = g_memdup2 (interval, sizeof *interval);
  copy->agent = g_strdup (interval->agent);
  copy->reason = g_strdup (interval->reason);
  copy->queue = g_strdup (interval->queue);
  copy->contact = g_strdup (interval->contact);

  return copy;
}

void
plt_agent_interval_free (PltAgentInterval *interval)
{
  if (interval == NULL)
    return;

  g_free ((char *) interval->agent);
  g_free ((char *) interval->reason);
  g_free ((char *) interval->queue);
  g_free ((char *) interval->contact);
  g_free (interval);
}
