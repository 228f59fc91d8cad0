import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { SymbolParamDto } from '../common/dto/symbol-param.dto';
import { OptionsFlowService } from './options-flow.service';
import type { OptionsFlow } from './options-flow.types';

export class OptionsFlowDto {
  @ApiProperty() symbol!: string;
  @ApiProperty() callPremium!: number;
  @ApiProperty() putPremium!: number;
  @ApiProperty() putCallRatio!: number;
  @ApiProperty() unusual!: boolean;
  @ApiProperty() time!: Date;

  static from(flow: OptionsFlow): OptionsFlowDto {
    return { ...flow };
  }
}

@ApiTags('options flow')
@ApiBearerAuth()
@Controller('api/options-flow')
export class OptionsFlowController {
  constructor(private readonly optionsFlow: OptionsFlowService) {}

  @Get(':symbol')
  @ApiOkResponse({ type: OptionsFlowDto })
  @ApiNotFoundResponse({ description: 'The symbol is not on the watchlist' })
  async get(@Param() { symbol }: SymbolParamDto): Promise<OptionsFlowDto> {
    return OptionsFlowDto.from(await this.optionsFlow.flow(symbol));
  }
}
