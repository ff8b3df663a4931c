import 'reflect-metadata';
import { startService } from '@lianzhi/platform';
import { AppModule } from './app.module';

void startService(AppModule.register(), '执法联动 · agency gateway');
