import { App, Button, Card, DatePicker, Form, Input, List, Select, Space, Tag } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, download, listOf } from '../api/client';
import { useApi } from '../api/hooks';
import { AsyncView, ErrorAlert } from '../common/AsyncView';
import { showProblemOnForm } from '../common/forms';
import { formatTime } from '../common/format';
import { stateLabel, townshipName, TOWNSHIPS, unitName, UNITS } from '../labels';

interface AgendaItem {
  caseId: string;
  caseNumber?: string | null;
  receivedAt?: string;
  status?: string;
  hops?: number;
  units?: string[];
  reasons?: string[];
}

interface Agenda {
  township: string;
  name?: string;
  month: string;
  generatedAt?: string;
  items?: AgendaItem[];
}

interface Decision {
  caseId: string;
  decision: 'assign' | 'close' | 'escalate';
  units?: string[];
  note?: string;
}

const DECISIONS = [
  { value: 'assign', label: '交办单位' },
  { value: 'close', label: '已协调解决' },
  { value: 'escalate', label: '提交区领导小组办公室' },
];

/** 联席会议: the agenda the platform prepares, and the decisions taken. */
export function JointMeetings({ township: fixed }: { township?: string }) {
  const { message } = App.useApp();
  const [township, setTownship] = useState<string>(fixed ?? 'longqiao');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const agenda = useApi<Agenda>(
    'reporting',
    `/joint-meetings/${encodeURIComponent(township)}/agenda`,
    { month: month.format('YYYY-MM') },
  );
  const items = agenda.data?.items ?? listOf<AgendaItem>(agenda.data);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function record(values: { heldAt: Dayjs; attendees: string[]; decisions?: Decision[] }) {
    setBusy(true);
    setError(undefined);
    try {
      await api('reporting', '/joint-meetings', {
        body: {
          township,
          month: month.format('YYYY-MM'),
          heldAt: values.heldAt.toISOString(),
          attendees: values.attendees,
          decisions: (values.decisions ?? []).map((d) => ({
            caseId: d.caseId,
            decision: d.decision,
            units: d.decision === 'assign' ? (d.units ?? []) : [],
            note: d.note ?? '',
          })),
        },
      });
      message.success('会议纪要已保存');
      form.resetFields();
      agenda.reload();
    } catch (err) {
      setError(err);
      showProblemOnForm(form, err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {fixed ? (
          <Tag color="geekblue">{townshipName(fixed)}</Tag>
        ) : (
          <Select
            style={{ width: 160 }}
            value={township}
            onChange={setTownship}
            options={Object.entries(TOWNSHIPS).map(([value, label]) => ({ value, label }))}
          />
        )}
        <DatePicker picker="month" value={month} allowClear={false} onChange={(v) => v && setMonth(v)} />
        <Button
          onClick={() =>
            download(
              'reporting',
              `/joint-meetings/${encodeURIComponent(township)}/agenda`,
              { month: month.format('YYYY-MM'), format: 'xlsx' },
              `联席会议议程-${township}-${month.format('YYYY-MM')}.xlsx`,
            ).catch((err: Error) => message.error(err.message))
          }
        >
          导出议程
        </Button>
      </Space>
      <Card size="small" title={`${townshipName(township)} ${month.format('YYYY年M月')} 联席会议议程`}>
        <AsyncView loading={agenda.loading} error={agenda.error} empty={items.length === 0} emptyText="本月暂无需上会的案件" onRetry={agenda.reload}>
          <List
            data-testid="agenda"
            dataSource={items}
            renderItem={(i, n) => (
              <List.Item>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{n + 1}. {i.caseNumber ?? i.caseId}</span>
                      {(i.reasons ?? []).map((r) => (
                        <Tag key={r} color="orange">{r}</Tag>
                      ))}
                    </Space>
                  }
                  description={
                    <div style={{ wordBreak: 'break-word' }}>
                      受理 {formatTime(i.receivedAt)} · {stateLabel(i.status)}
                      {i.hops ? ` · 流转 ${i.hops} 次` : ''}
                      {(i.units ?? []).length > 0 ? <div>涉及单位：{(i.units ?? []).map(unitName).join('、')}</div> : null}
                    </div>
                  }
                />
              </List.Item>
            )}
          />
        </AsyncView>
      </Card>
      <Card size="small" title="会议纪要与决定">
        {error ? <ErrorAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={record} initialValues={{ heldAt: dayjs() }}>
          <Space wrap align="start">
            <Form.Item name="heldAt" label="召开时间" rules={[{ required: true, message: '请选择时间' }]}>
              <DatePicker showTime />
            </Form.Item>
            <Form.Item
              name="attendees"
              label="参会单位与人员"
              rules={[{ required: true, message: '请填写参会人员' }]}
              style={{ minWidth: 420 }}
            >
              <Select mode="tags" placeholder="输入后回车，可选单位" options={Object.values(UNITS).map((n) => ({ value: n, label: n }))} />
            </Form.Item>
          </Space>
          <Form.List
            name="decisions"
            rules={[
              {
                validator: async (_, value) => {
                  if (!value || value.length === 0) throw new Error('至少记录一项决定');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field) => (
                  <Card size="small" key={field.key} style={{ marginBottom: 8 }}>
                    <Space wrap align="start">
                      <Form.Item name={[field.name, 'caseId']} label="案件" rules={[{ required: true, message: '选择案件' }]}>
                        <Select style={{ width: 210 }} options={items.map((i) => ({ value: i.caseId, label: i.caseNumber ?? i.caseId }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'decision']} label="决定" rules={[{ required: true, message: '选择决定' }]}>
                        <Select style={{ width: 200 }} options={DECISIONS} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'units']} label="交由单位">
                        <Select mode="multiple" style={{ width: 260 }} showSearch optionFilterProp="label" options={Object.entries(UNITS).map(([value, label]) => ({ value, label }))} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']} label="说明">
                        <Input style={{ width: 260 }} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)} style={{ marginTop: 30 }}>
                        移除
                      </Button>
                    </Space>
                  </Card>
                ))}
                <Button type="dashed" onClick={() => add({ decision: 'assign' })} style={{ marginBottom: 12 }}>
                  添加决定
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存纪要
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
