/* plt-membership-model.h — a list model that tells which items are in it, not how they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PLT_TYPE_MEMBERSHIP_MODEL (plt_membership_model_get_type ())
G_DECLARE_FINAL_TYPE (PltMembershipModel, plt_membership_model, PLT, MEMBERSHIP_MODEL, GObject)

/*
 * The items of @source, in its order, announcing only the changes of which
 * items are where: an ::items-changed of @source that puts back the very
 * same items (a PltStore announcing updated items in place) is not passed
 * on. For views whose rows follow their item's notifications by themselves
 * (the queue cards): the view then neither rebinds nor remeasures them for
 * an update.
 */
PltMembershipModel *plt_membership_model_new        (GListModel         *source);
GListModel         *plt_membership_model_get_source (PltMembershipModel *self);

G_END_DECLS
