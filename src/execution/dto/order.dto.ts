import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  Matches,
  Max,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { decimalString } from '../../common/decimal-string';
import type { FillEntity } from '../fill.entity';
import type { OrderEventEntity } from '../order-event.entity';
import type { OrderEntity } from '../order.entity';
import {
  ORDER_SIDES,
  ORDER_STATUSES,
  ORDER_TYPES,
  OrderSide,
  OrderStatus,
  OrderType,
} from '../order.types';
import { IsOmittable } from '../../common/dto/optional.decorator';
import { IsTicker, LimitQueryDto } from '../../common/dto/query.decorators';

export const MAX_ORDER_QUANTITY = 1_000_000;
export const MAX_PRICE = 1_000_000;

@ValidatorConstraint({ name: 'limitPriceMatchesType' })
class LimitPriceMatchesType implements ValidatorConstraintInterface {
  validate(_type: unknown, { object }: ValidationArguments): boolean {
    const order = object as CreateOrderDto;
    return order.type === 'limit' ? order.limitPrice !== undefined : order.limitPrice === undefined;
  }

  defaultMessage({ object }: ValidationArguments): string {
    return (object as CreateOrderDto).type === 'limit'
      ? 'limitPrice is required for limit orders'
      : 'limitPrice is only allowed for limit orders';
  }
}

export class CreateOrderDto {
  @ApiPropertyOptional({
    description: 'Idempotency key: a retried submit with the same key returns the same order',
  })
  @IsOmittable()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, {
    message: 'clientOrderId must be 1-64 letters, digits, ".", "_", ":" or "-"',
  })
  clientOrderId?: string;

  @ApiProperty({ example: 'AAPL' })
  @IsTicker()
  symbol!: string;

  @ApiProperty({ enum: ORDER_SIDES })
  @IsIn(ORDER_SIDES, { message: `side must be one of ${ORDER_SIDES.join(', ')}` })
  side!: OrderSide;

  @ApiProperty({ minimum: 1, maximum: MAX_ORDER_QUANTITY, description: 'Whole shares' })
  @IsInt({ message: 'quantity must be a whole number of shares' })
  @Min(1, { message: 'quantity must be at least 1' })
  @Max(MAX_ORDER_QUANTITY, { message: `quantity must be at most ${MAX_ORDER_QUANTITY}` })
  quantity!: number;

  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES, { message: `type must be one of ${ORDER_TYPES.join(', ')}` })
  @Validate(LimitPriceMatchesType)
  type!: OrderType;

  @ApiPropertyOptional({ description: 'Required for limit orders, not allowed for market orders' })
  @IsOmittable()
  @IsNumber(
    { maxDecimalPlaces: 4, allowNaN: false, allowInfinity: false },
    { message: 'limitPrice must be a price with at most 4 decimals' },
  )
  @IsPositive({ message: 'limitPrice must be positive' })
  @Max(MAX_PRICE, { message: `limitPrice must be at most ${MAX_PRICE}` })
  limitPrice?: number;

  @ApiPropertyOptional({
    example: 'sma-crossover',
    description: 'The strategy the order belongs to',
  })
  @IsOmittable()
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'strategy must be a strategy name like sma-crossover' })
  strategy?: string;
}

export class OrderQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ example: 'AAPL' })
  @IsOptional()
  @IsTicker()
  symbol?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES, { message: `status must be one of ${ORDER_STATUSES.join(', ')}` })
  status?: OrderStatus;
}

export class FillDto {
  @ApiProperty() id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: ORDER_SIDES }) side!: OrderSide;
  @ApiPropertyOptional({ nullable: true, type: String }) strategy!: string | null;
  @ApiProperty({ description: 'decimal string' }) quantity!: string;
  @ApiProperty({ description: 'decimal string' }) price!: string;
  @ApiProperty({ description: 'decimal string' }) fee!: string;
  @ApiProperty({ description: 'per share against the reference price; positive = worse' })
  slippage!: string;
  @ApiProperty() executedAt!: Date;

  static from(fill: FillEntity): FillDto {
    const { brokerFillId: _brokerFillId, ...rest } = fill;
    return {
      ...rest,
      quantity: decimalString(fill.quantity),
      price: decimalString(fill.price),
      fee: decimalString(fill.fee),
      slippage: decimalString(fill.slippage),
    };
  }
}

export class OrderEventDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, nullable: true }) fromStatus!: OrderStatus | null;
  @ApiProperty({ enum: ORDER_STATUSES }) toStatus!: OrderStatus;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() at!: Date;

  static from(event: OrderEventEntity): OrderEventDto {
    return {
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      reason: event.reason,
      at: event.at,
    };
  }
}

export class OrderDto {
  @ApiProperty() id!: string;
  @ApiProperty() clientOrderId!: string;
  @ApiProperty() symbol!: string;
  @ApiProperty({ enum: ORDER_SIDES }) side!: OrderSide;
  @ApiProperty({ enum: ORDER_TYPES }) type!: OrderType;
  @ApiProperty() quantity!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) limitPrice!: string | null;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty() filledQuantity!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) averageFillPrice!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) strategy!: string | null;
  @ApiProperty() broker!: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Why it was denied, rejected or canceled',
  })
  reason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) referencePrice!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
  @ApiPropertyOptional({ type: [OrderEventDto] }) events?: OrderEventDto[];
  @ApiPropertyOptional({ type: [FillDto] }) fills?: FillDto[];

  static from(order: OrderEntity, events?: OrderEventEntity[], fills?: FillEntity[]): OrderDto {
    const { brokerOrderId: _brokerOrderId, intendedAt: _intendedAt, ...rest } = order;
    return {
      ...rest,
      quantity: decimalString(order.quantity),
      limitPrice: decimalString(order.limitPrice),
      filledQuantity: decimalString(order.filledQuantity),
      averageFillPrice: decimalString(order.averageFillPrice),
      referencePrice: decimalString(order.referencePrice),
      ...(events ? { events: events.map((event) => OrderEventDto.from(event)) } : {}),
      ...(fills ? { fills: fills.map((fill) => FillDto.from(fill)) } : {}),
    };
  }
}
