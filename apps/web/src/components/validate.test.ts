import { OfficeInput, OrganizationInput, PasswordChangeInput } from '@trama/contracts';
import { describe, expect, it } from 'vitest';
import { validate } from './validate';

const valid = {
  type: 'company',
  name: 'Meccanica Lariana S.p.A.',
  fiscalCode: '00743110157',
  legalSeatMunicipalityCode: '015146',
  offices: [],
};

describe('client-side validation with the shared contracts', () => {
  it('accepts a valid organisation and normalises blanks to null', () => {
    const r = validate(OrganizationInput, { ...valid, email: '', phone: '  ' });
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.data.email, r.data.phone]).toEqual([null, null]);
  });

  it('reports blank required fields as "required", whatever the rule behind them', () => {
    const r = validate(OrganizationInput, {
      ...valid,
      type: '',
      name: '',
      fiscalCode: '',
      legalSeatMunicipalityCode: '',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(Object.fromEntries(Object.entries(r.errors).map(([k, v]) => [k, v.code]))).toEqual({
        type: 'required',
        name: 'required',
        fiscalCode: 'required',
        legalSeatMunicipalityCode: 'required',
      });
    }
  });

  it('uses the contract codes of custom rules and the limits for lengths', () => {
    const r = validate(OrganizationInput, {
      ...valid,
      name: 'A',
      fiscalCode: '12345678901',
      website: 'ftp://x',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.name).toMatchObject({ code: 'too_short', params: { count: 2 } });
      expect(r.errors.fiscalCode?.code).toBe('fiscal_code_invalid');
      expect(r.errors.website?.code).toBe('url_invalid');
    }
  });

  it('addresses nested fields by dotted path (offices, accreditations)', () => {
    const r = validate(OfficeInput, {
      name: 'Sede',
      address: 'Via Roma 1',
      municipalityCode: '015146',
      accreditations: [
        {
          kind: 'training',
          status: 'definitive',
          registerNumber: 'A1',
          validFrom: '2025-02-01',
          validTo: '2025-01-01',
        },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors['accreditations.0.validTo']?.code).toBe('valid_to_before_valid_from');
  });

  it('checks the password length like the server', () => {
    const r = validate(PasswordChangeInput, { currentPassword: 'x', newPassword: 'corta' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.newPassword?.code).toBe('password_too_short');
  });
});
