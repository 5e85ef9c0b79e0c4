import 'reflect-metadata';
import chai from 'chai';
import { eventAssertions } from '../lib/testing/chai-plugin';

chai.use(eventAssertions);
