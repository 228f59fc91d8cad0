import { Body, Controller, Get, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsPositive, Matches } from 'class-validator';

export class ProbeOrderDto {
  @Matches(/^[A-Z]{1,5}$/, { message: 'symbol must be 1-5 upper-case letters' })
  symbol!: string;

  @Type(() => Number)
  @IsInt()
  @IsPositive()
  quantity!: number;
}

/**
 * Test-only routes mounted beside the real app, to drive the cases the foundation has no real
 * route for yet (a handler that throws, a validated body, a slow handler to abort).
 */
@Controller('api/probe')
export class ProbeController {
  @Get('fail')
  fail(): never {
    throw new Error('boom: SELECT secret FROM accounts');
  }

  @Post('orders')
  order(@Body() order: ProbeOrderDto): ProbeOrderDto {
    return order;
  }

  @Get('slow')
  async slow(): Promise<{ done: boolean }> {
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { done: true };
  }
}
