import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { APP_NAME, APP_VERSION } from '../app-version';
import { ServiceRunsService } from '../service-runs/service-runs.service';

class PreviousRunDto {
  @ApiProperty() startedAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) stoppedAt!: Date | null;
  @ApiProperty({
    description: 'false when the previous process never recorded a stop (crash, SIGKILL)',
  })
  cleanShutdown!: boolean;
}

export class StatusDto {
  @ApiProperty({ example: APP_NAME }) name!: string;
  @ApiProperty({ example: APP_VERSION }) version!: string;
  @ApiProperty({ example: 'v20.20.2' }) nodeVersion!: string;
  @ApiProperty({ description: 'Seconds since this process started' }) uptimeSeconds!: number;
  @ApiProperty() startedAt!: Date;
  @ApiPropertyOptional({ type: PreviousRunDto, nullable: true })
  previousRun!: PreviousRunDto | null;
}

@ApiTags('status')
@ApiBearerAuth()
@Controller('api/status')
export class StatusController {
  constructor(private readonly runs: ServiceRunsService) {}

  @Get()
  @ApiOperation({ summary: 'What is running: version, uptime, and how the previous run ended' })
  @ApiOkResponse({ type: StatusDto })
  status(): StatusDto {
    return {
      name: APP_NAME,
      version: APP_VERSION,
      nodeVersion: process.version,
      uptimeSeconds: Math.round(process.uptime() * 1000) / 1000,
      startedAt: this.runs.startedAt ?? new Date(Date.now() - process.uptime() * 1000),
      previousRun: this.runs.previousRun,
    };
  }
}
