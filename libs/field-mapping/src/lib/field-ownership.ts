import type { FieldOwner, MappingProfile, OwnableField } from './profile/mapping-profile';

/** Who owns a field under this profile (the per-field choice, else the profile's default). */
export function ownerOf(profile: MappingProfile, field: OwnableField): FieldOwner {
  return profile.ownership.fields[field] ?? profile.ownership.default;
}

/**
 * Whether PCK's value should be written. On create every field is written (the shop gets PCK's value once);
 * on update only PCK-owned fields are.
 */
export function pckWrites(profile: MappingProfile, field: OwnableField, isCreate: boolean): boolean {
  return isCreate || ownerOf(profile, field) === 'pck';
}
