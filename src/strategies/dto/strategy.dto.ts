import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject } from 'class-validator';
import { IsOmittable } from '../../common/dto/optional.decorator';
import type { StrategyState } from '../strategy-registry.service';

export class StrategyDto {
  @ApiProperty({ example: 'sma-crossover' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) parameters!: Record<
    string,
    number
  >;
  @ApiProperty({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { min: { type: 'number' }, max: { type: 'number' } },
    },
  })
  parameterRanges!: Record<string, { min: number; max: number; integer?: boolean }>;
  @ApiProperty() usesSentiment!: boolean;
  @ApiProperty() usesOptionsFlow!: boolean;

  static from({ strategy, enabled, parameters }: StrategyState): StrategyDto {
    return {
      name: strategy.name,
      description: strategy.description,
      enabled,
      parameters: { ...parameters },
      parameterRanges: { ...strategy.parameterRanges },
      usesSentiment: strategy.usesSentiment ?? false,
      usesOptionsFlow: strategy.usesOptionsFlow ?? false,
    };
  }
}

export class UpdateStrategyDto {
  @ApiPropertyOptional({ description: 'Switch the strategy on or off' })
  @IsOmittable()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({
    description: 'Parameters to change (others keep their value); each within its range',
    type: 'object',
    additionalProperties: { type: 'number' },
  })
  @IsOmittable()
  @IsObject({ message: 'parameters must be an object of numbers' })
  parameters?: Record<string, number>;
}
