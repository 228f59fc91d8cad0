import { ValidateIf } from 'class-validator';

/**
 * Optional in a JSON body: the field may be left out, but an explicit `null` is validated (and
 * refused) like any other value. `@IsOptional()` skips validation for null too, which let
 * `{"limitPrice": null}` through to the database.
 */
export const IsOmittable = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
