/**
 * Roles and what each may do. A role is always granted on a unit and covers that unit, its
 * descendants and (read-only by rule) their predecessors. `authorize()` consults this table only.
 */
export const ROLES = [
  'system_admin',
  'coordination_office',
  'agency',
  'commune_officer',
  'council_member',
  'council_secretariat',
  'ocop_producer',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'audit.verify',
  'criteria.read',
  'criteria.manage',
  'assessment.read',
  'assessment.enter',
  'assessment.verify',
  'roadmap.read',
  'roadmap.manage',
  'roadmap.checkin',
  'outbox.read',
  'capital.read',
  'capital.manage',
  'capital.disburse',
  'ocop.read',
  'ocop.intake',
  'ocop.manage',
  'ocop.score',
  'ocop.own',
  /** Scoring sheets (national data): drafts, publishing and imports; a system administrator and the coordination office. */
  'ocop.sheet_manage',
  /** Council oversight: read activities, snapshots, recommendations and petitions of a council's unit. */
  'oversight.read',
  /** Record activities, freeze snapshots, conclusions and recommendations; decide on reports; petitions. */
  'oversight.manage',
  /** Report progress on recommendations and answer petitions addressed to one's unit. */
  'oversight.respond',
  /** Publish / unpublish verified figures and projects on the public portal. */
  'portal.publish',
  /** Moderate and answer citizens' feedback from the public portal. */
  'portal.moderate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  system_admin: ACTIONS,
  coordination_office: [
    'unit.read',
    'user.read',
    'user.manage',
    'audit.read',
    'criteria.read',
    'criteria.manage',
    'assessment.read',
    'assessment.enter',
    'assessment.verify',
    'roadmap.read',
    'roadmap.manage',
    'roadmap.checkin',
    'capital.read',
    'capital.manage',
    'capital.disburse',
    'ocop.read',
    'ocop.intake',
    'ocop.manage',
    'ocop.score',
    'ocop.sheet_manage',
    'oversight.read',
    'oversight.respond',
    'portal.publish',
    'portal.moderate',
  ],
  agency: [
    'unit.read',
    'criteria.read',
    'assessment.read',
    'roadmap.read',
    'roadmap.checkin',
    'capital.read',
    'ocop.read',
    'ocop.score',
    'oversight.read',
    'oversight.respond',
  ],
  commune_officer: [
    'unit.read',
    'criteria.read',
    'assessment.read',
    'assessment.enter',
    'roadmap.read',
    'roadmap.checkin',
    'capital.read',
    'capital.disburse',
    'ocop.read',
    'ocop.intake',
    'oversight.read',
    'oversight.respond',
  ],
  /** Delegates read what the council oversees and its records; the secretariat keeps those records. */
  council_member: [
    'unit.read',
    'criteria.read',
    'assessment.read',
    'roadmap.read',
    'capital.read',
    'ocop.read',
    'oversight.read',
  ],
  /**
   * The council's secretariat (văn phòng / bộ phận giúp việc HĐND) keeps the council's records and
   * grants the council's roles on its own unit; it sees the people of the unit to choose delegates.
   */
  council_secretariat: [
    'unit.read',
    'user.read',
    'audit.read',
    'criteria.read',
    'assessment.read',
    'roadmap.read',
    'capital.read',
    'ocop.read',
    'oversight.read',
    'oversight.manage',
  ],
  /** A producer works on their own subject's products only (users.producer_id), never on the unit's list. */
  ocop_producer: ['unit.read', 'criteria.read', 'ocop.own'],
  viewer: ['unit.read', 'criteria.read', 'assessment.read', 'roadmap.read', 'capital.read', 'ocop.read', 'oversight.read'],
};

/** Executive roles a coordination office may hand out inside its scope (never its own, never the council's). */
export const DELEGABLE_ROLES: readonly Role[] = ['agency', 'commune_officer', 'ocop_producer', 'viewer'];

/** The council's roles: granted only by a system administrator or by that council's own secretariat. */
export const COUNCIL_ROLES: readonly Role[] = ['council_member', 'council_secretariat'];

/** The executive that a council oversees: the same person never holds these and a council role. */
export const EXECUTIVE_ROLES: readonly Role[] = ['coordination_office', 'agency', 'commune_officer'];

export function roleAllows(role: Role, action: Action): boolean {
  return ROLE_ACTIONS[role].includes(action);
}

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  coordination_office: { vi: 'Văn phòng điều phối NTM', en: 'Coordination office' },
  agency: { vi: 'Cơ quan chuyên môn', en: 'Agency / department' },
  commune_officer: { vi: 'Cán bộ xã', en: 'Commune officer' },
  council_member: { vi: 'Đại biểu HĐND', en: 'Council member' },
  council_secretariat: { vi: 'Văn phòng HĐND (giúp việc)', en: 'Council secretariat' },
  ocop_producer: { vi: 'Chủ thể OCOP', en: 'OCOP producer' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
};

export const UNIT_TYPES = [
  'country',
  'province',
  'city',
  'district',
  'town',
  'commune',
  'ward',
  'township',
  'special_zone',
  'village',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Level in the administrative tree: 0 country, 1 province, 2 district-level, 3 commune-level, 4 village. */
export const UNIT_LEVEL: Record<UnitType, number> = {
  country: 0,
  province: 1,
  city: 2,
  district: 2,
  town: 2,
  commune: 3,
  ward: 3,
  township: 3,
  special_zone: 3,
  village: 4,
};

export const UNIT_TYPE_LABELS: Record<UnitType, { vi: string; en: string }> = {
  country: { vi: 'Quốc gia', en: 'Country' },
  province: { vi: 'Tỉnh/Thành phố', en: 'Province' },
  city: { vi: 'Thành phố thuộc tỉnh', en: 'Provincial city' },
  district: { vi: 'Huyện', en: 'District' },
  town: { vi: 'Thị xã', en: 'Town' },
  commune: { vi: 'Xã', en: 'Commune' },
  ward: { vi: 'Phường', en: 'Ward' },
  township: { vi: 'Thị trấn', en: 'Township' },
  special_zone: { vi: 'Đặc khu', en: 'Special zone' },
  village: { vi: 'Thôn/Bản', en: 'Village' },
};

export const SUCCESSION_KINDS = ['merge', 'split', 'rename', 'reclassify', 'reassign', 'dissolve'] as const;
export type SuccessionKind = (typeof SUCCESSION_KINDS)[number];

export const SUCCESSION_LABELS: Record<SuccessionKind, { vi: string; en: string }> = {
  merge: { vi: 'Sáp nhập', en: 'Merge' },
  split: { vi: 'Chia tách', en: 'Split' },
  rename: { vi: 'Đổi tên', en: 'Rename' },
  reclassify: { vi: 'Chuyển loại (xã → phường)', en: 'Reclassify (commune → ward)' },
  reassign: { vi: 'Điều chỉnh cấp trên', en: 'New parent' },
  dissolve: { vi: 'Giải thể', en: 'Dissolve' },
};
