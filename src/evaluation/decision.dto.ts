import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EvaluateStrategyDto, JournalQueryDto, SignalDto } from '../strategies/dto/signal.dto';
import { DECISION_ACTIONS, DecisionAction, DecisionEntity, DecisionInput } from './decision.entity';
import type { Evaluation } from './evaluation.service';

export class DecisionQueryDto extends JournalQueryDto {
  @ApiPropertyOptional({ enum: DECISION_ACTIONS })
  @IsOptional()
  @IsIn(DECISION_ACTIONS, { message: `action must be one of ${DECISION_ACTIONS.join(', ')}` })
  action?: DecisionAction;
}

export class EvaluateSymbolDto extends EvaluateStrategyDto {}

class DecisionInputDto {
  @ApiProperty() signalId!: string;
  @ApiProperty() strategy!: string;
  @ApiProperty() direction!: string;
  @ApiProperty() confidence!: number;
  @ApiProperty() weight!: number;
  @ApiProperty({ description: 'direction × confidence × weight' }) vote!: number;
}

export class DecisionDto {
  @ApiProperty() id!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: DECISION_ACTIONS }) action!: DecisionAction;
  @ApiProperty({ minimum: 0, maximum: 1 }) confidence!: number;
  @ApiProperty({ minimum: -1, maximum: 1 }) score!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'Last price when decided (decimal string)' }) price!: string;
  @ApiProperty({ type: [DecisionInputDto] }) inputs!: DecisionInput[];
  @ApiProperty() decidedAt!: Date;

  static from(decision: DecisionEntity): DecisionDto {
    return { ...decision, inputs: decision.inputs.map((input) => ({ ...input })) };
  }
}

export class EvaluationDto {
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ type: [SignalDto] }) signals!: SignalDto[];
  @ApiProperty({ description: 'Enabled strategies that could not evaluate this time' })
  failed!: string[];

  static from(evaluation: Evaluation): EvaluationDto {
    return {
      decision: DecisionDto.from(evaluation.decision),
      signals: evaluation.signals.map((signal) => SignalDto.from(signal)),
      failed: evaluation.failed,
    };
  }
}
