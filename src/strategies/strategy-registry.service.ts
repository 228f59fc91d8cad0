import { BadRequestException, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Gauge } from 'prom-client';
import { Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { AppConfig, ConfigurationError } from '../config';
import { InjectMetric } from '../observability';
import { BUILT_IN_STRATEGIES } from './built-in';
import { StrategySettingEntity } from './strategy-setting.entity';
import type { Strategy, StrategyParameters } from './strategy.interface';

export interface StrategyState {
  strategy: Strategy;
  enabled: boolean;
  parameters: StrategyParameters;
}

export interface StrategyUpdate {
  enabled?: boolean;
  parameters?: Record<string, number>;
}

/**
 * The strategies tradewatch knows (the built-ins), which are enabled and with which parameters:
 * configuration gives the start, run-time changes are stored in `strategy_settings` and win.
 */
@Injectable()
export class StrategyRegistry implements OnModuleInit {
  private readonly states = new Map<string, StrategyState>();

  constructor(
    @InjectRepository(StrategySettingEntity)
    private readonly settings: Repository<StrategySettingEntity>,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectMetric('strategy_enabled') private readonly enabledGauge: Gauge<string>,
  ) {}

  async onModuleInit(): Promise<void> {
    const known = new Set(BUILT_IN_STRATEGIES.map((strategy) => strategy.name));
    const unknown = this.config.strategies.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new ConfigurationError([
        `STRATEGIES names unknown strategies: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
      ]);
    }
    const stored = new Map((await this.settings.find()).map((setting) => [setting.name, setting]));
    for (const strategy of BUILT_IN_STRATEGIES) {
      const setting = stored.get(strategy.name);
      this.states.set(strategy.name, {
        strategy,
        enabled: setting?.enabled ?? this.config.strategies.includes(strategy.name),
        parameters: { ...strategy.defaultParameters, ...setting?.parameters },
      });
      this.publish(strategy.name);
    }
  }

  list(): StrategyState[] {
    return [...this.states.values()];
  }

  enabled(): StrategyState[] {
    return this.list().filter((state) => state.enabled);
  }

  /** The strategy's state, or a 404 listing the known names. */
  get(name: string): StrategyState {
    const state = this.states.get(name);
    if (state) return state;
    throw new NotFoundError(
      `unknown strategy "${name.slice(0, 40)}" (known: ${[...this.states.keys()].join(', ')})`,
    );
  }

  async update(name: string, update: StrategyUpdate): Promise<StrategyState> {
    const state = this.get(name);
    const parameters = {
      ...state.parameters,
      ...this.validParameters(state.strategy, update.parameters ?? {}),
    };
    const enabled = update.enabled ?? state.enabled;
    await this.settings.save({ name, enabled, parameters, updatedAt: this.clock.now() });
    const next = { ...state, enabled, parameters };
    this.states.set(name, next);
    this.publish(name);
    return next;
  }

  private validParameters(
    strategy: Strategy,
    parameters: Record<string, number>,
  ): StrategyParameters {
    const problems = Object.entries(parameters).flatMap(([key, value]) => {
      const range = strategy.parameterRanges[key];
      if (!range)
        return [
          `${key} is not a parameter of ${strategy.name} (${Object.keys(strategy.parameterRanges).join(', ')})`,
        ];
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < range.min ||
        value > range.max
      ) {
        return [`${key} must be a number between ${range.min} and ${range.max}`];
      }
      return range.integer && !Number.isInteger(value) ? [`${key} must be an integer`] : [];
    });
    if (problems.length > 0) throw new BadRequestException(problems);
    return parameters;
  }

  private publish(name: string): void {
    this.enabledGauge.set({ strategy: name }, this.states.get(name)?.enabled ? 1 : 0);
  }
}
