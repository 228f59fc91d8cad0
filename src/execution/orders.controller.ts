import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateOrderDto, FillDto, OrderDto, OrderQueryDto } from './dto/order.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('api')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('orders')
  @ApiCreatedResponse({
    type: OrderDto,
    description: 'The new order (status denied when risk said no)',
  })
  @ApiOkResponse({
    type: OrderDto,
    description: 'A retry with a known clientOrderId: the existing order',
  })
  @ApiConflictResponse({ description: 'The clientOrderId was used for a different order' })
  async create(
    @Body() body: CreateOrderDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderDto> {
    const { order, created } = await this.orders.submit(body);
    res.status(created ? 201 : 200);
    return OrderDto.from(order);
  }

  @Get('orders')
  @ApiOkResponse({ type: [OrderDto] })
  async list(@Query() query: OrderQueryDto): Promise<OrderDto[]> {
    return (await this.orders.find(query)).map((order) => OrderDto.from(order));
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: OrderDto, description: 'The order with its state changes and fills' })
  @ApiNotFoundResponse()
  async get(@Param('id') id: string): Promise<OrderDto> {
    const order = await this.orders.get(id);
    const [events, fills] = await Promise.all([
      this.orders.events(id),
      this.orders.fills({ orderIds: [id], limit: 500 }),
    ]);
    return OrderDto.from(order, events, fills);
  }

  @Delete('orders/:id')
  @ApiOkResponse({ type: OrderDto })
  @ApiConflictResponse({ description: 'The order is no longer open' })
  async cancel(@Param('id') id: string): Promise<OrderDto> {
    return OrderDto.from(await this.orders.cancel(id));
  }

  @Get('trades')
  @ApiOkResponse({ type: [FillDto], description: 'Executions, newest first' })
  async trades(@Query() query: OrderQueryDto): Promise<FillDto[]> {
    return (await this.orders.fills({ symbol: query.symbol, limit: query.limit })).map((fill) =>
      FillDto.from(fill),
    );
  }
}
