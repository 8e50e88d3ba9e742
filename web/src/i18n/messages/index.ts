import { common } from './common';
import { shell } from './shell';
import { auth } from './auth';
import { account } from './account';
import { units } from './units';
import { users } from './users';
import { criteria } from './criteria';
import { assessment } from './assessment';
import { offline } from './offline';
import { dashboard } from './dashboard';
import { capital } from './capital';
import { ocop } from './ocop';
import { oversight } from './oversight';
import { roadmaps } from './roadmaps';
import { portal } from './portal';
import { audit } from './audit';
import { inbox } from './inbox';
import { todo } from './todo';

/**
 * The UI's words by feature: `t('ocop.someKey')` reads `MESSAGES.ocop.vi.someKey` (or `.en`). A key read by one
 * feature lives in that feature's module, a key read by several in `common`.
 */
export const MESSAGES = {
  common,
  shell,
  auth,
  account,
  units,
  users,
  criteria,
  assessment,
  offline,
  dashboard,
  capital,
  ocop,
  oversight,
  roadmaps,
  portal,
  audit,
  inbox,
  todo,
};

export type Namespace = keyof typeof MESSAGES;
/** Every key of the UI: `namespace.key`. */
export type MessageKey = { [N in Namespace]: `${N}.${keyof (typeof MESSAGES)[N]['vi'] & string}` }[Namespace];
